package io.shopstack.deadletters;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Operator API for dead letters (internal: an operator token with scope {@code dlq:admin}):
 * <pre>
 *   GET    /internal/dead-letters?status=PENDING&amp;limit=50   list (PENDING, REPLAYED or DISCARDED)
 *   GET    /internal/dead-letters/{id}                        one, with payload and error
 *   POST   /internal/dead-letters/{id}/replay                 process again (200 REPLAYED, 409 if it fails again)
 *   POST   /internal/dead-letters/replay                      replay every pending one, oldest first
 *   POST   /internal/dead-letters/{id}/discard                give up on it (kept for the record)
 *   DELETE /internal/dead-letters/{id}                        same as discard
 * </pre>
 */
@RestController
@RequestMapping("/internal/dead-letters")
class DeadLetterController {

    private final DeadLetterService deadLetters;

    DeadLetterController(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Map<String, Object> list(
            @RequestParam(defaultValue = "PENDING") DeadLetterStatus status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        List<DeadLetter> letters = deadLetters.list(status, limit);
        return Map.of("status", status, "pending", deadLetters.pending(), "items", letters);
    }

    @GetMapping("/{id}")
    DeadLetter get(@PathVariable long id) {
        return deadLetters.get(id);
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<DeadLetterService.ReplayResult> replay(@PathVariable long id, Authentication operator) {
        DeadLetterService.ReplayResult result = deadLetters.replay(id, operator.getName());
        return ResponseEntity.status(result.failed() ? HttpStatus.CONFLICT : HttpStatus.OK)
                .body(result);
    }

    @PostMapping("/replay")
    Map<String, Object> replayAll(
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, Authentication operator) {
        List<DeadLetterService.ReplayResult> results = deadLetters.replayAll(operator.getName(), limit);
        long failed =
                results.stream().filter(DeadLetterService.ReplayResult::failed).count();
        return Map.of(
                "replayed",
                results.size() - failed,
                "failed",
                failed,
                "results",
                results,
                "pending",
                deadLetters.pending());
    }

    @PostMapping("/{id}/discard")
    DeadLetter discard(@PathVariable long id, Authentication operator) {
        return deadLetters.discard(id, operator.getName());
    }

    @DeleteMapping("/{id}")
    DeadLetter delete(@PathVariable long id, Authentication operator) {
        return discard(id, operator);
    }
}
