package io.shopstack.cart.events;

import io.shopstack.events.catalog.CatalogEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /internal/events} (scope {@code catalog:events}: product-service only): an event pushed over HTTP,
 * processed by the same handler as Kafka's. The body is
 * read by {@link InternalEventEnvelope} (the short shape with {@code event_type}, {@code payload}, {@code timestamp},
 * or the full envelope). See docs/consistency-model.md.
 */
@RestController
class InternalEventsController {

    private final CatalogEventProcessor processor;
    private final JsonMapper json;

    InternalEventsController(CatalogEventProcessor processor, JsonMapper json) {
        this.processor = processor;
        this.json = json;
    }

    @PostMapping("/internal/events")
    Map<String, Object> receive(@RequestBody JsonNode body) {
        InternalEventEnvelope.Received received = InternalEventEnvelope.read(body, json);
        CatalogEvent event = received.event();
        CatalogEventHandler.Result result = processor.process(event, received.versioned(), CatalogEventProcessor.HTTP);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "processed");
        answer.put("event_id", event.eventId());
        answer.put("event_type", event.eventType());
        answer.put("outcome", result.outcome().name());
        answer.put("lines_updated", result.lines());
        return answer;
    }
}
