package io.shopstack.cart.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps {@code processed_events} bounded: ids older than {@code shopstack.cart.events.processed-retention} (longer
 * than the topic's retention, so a redelivered event is always recognised) are deleted hourly, in batches. Safe on
 * every instance at once.
 */
@Component
class ProcessedEventsCleanup {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventsCleanup.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    ProcessedEventsCleanup(
            JdbcTemplate jdbc, @Value("${shopstack.cart.events.processed-retention:14d}") Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void deleteOld() {
        Timestamp before = Timestamp.from(Instant.now().minus(retention));
        int deleted;
        int total = 0;
        do {
            deleted = jdbc.update("""
                    delete from processed_events where event_id in (
                        select event_id from processed_events where processed_at < ? limit 5000)""", before);
            total += deleted;
        } while (deleted == 5000);
        if (total > 0) {
            log.info("Deleted {} processed-event ids older than {}", total, retention);
        }
    }
}
