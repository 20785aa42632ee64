package io.shopstack.auth.login;

import io.shopstack.auth.AuthProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Failed sign-ins per account and per client address in the database ({@code login_throttle}, Flyway V3), so that
 * every auth-server instance applies the same limits. Each failure updates the subject's row under a row lock; the
 * account row is always locked before the address row, so concurrent sign-ins cannot deadlock.
 */
final class LoginThrottle {

    enum Subject {
        ACCOUNT,
        ADDRESS
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Backoff accounts;
    private final Backoff addresses;

    LoginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, AuthProperties.LoginThrottle settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = new Backoff(
                settings.accountMaxFailures(), settings.window(), settings.baseDelay(), settings.maxDelay());
        this.addresses = new Backoff(
                settings.addressMaxFailures(), settings.window(), settings.baseDelay(), settings.maxDelay());
    }

    /** The end of the longer block on this attempt's account or address, if either is blocked at {@code now}. */
    Optional<Instant> blockedUntil(LoginAttempt attempt, Instant now) {
        List<Instant> blocks = jdbc.query(
                """
                SELECT blocked_until FROM login_throttle
                WHERE blocked_until > ?
                  AND ((subject_type = 'ACCOUNT' AND subject = ?) OR (subject_type = 'ADDRESS' AND subject = ?))
                """, (rs, row) -> instant(rs, "blocked_until"), timestamp(now), attempt.account(), attempt.address());
        return blocks.stream().max(Instant::compareTo);
    }

    /** Counts one failure for the account and the address; returns the end of a block this failure started. */
    Optional<Instant> recordFailure(LoginAttempt attempt, Instant now) {
        return transactions.execute(status -> {
            Instant account = fail(Subject.ACCOUNT, attempt.account(), accounts, now);
            Instant address = fail(Subject.ADDRESS, attempt.address(), addresses, now);
            // Rows past their window would start from zero anyway: drop them so the table stays small.
            jdbc.update(
                    "DELETE FROM login_throttle WHERE last_failure_at < ?",
                    timestamp(now.minus(accounts.window()).minus(accounts.maxDelay())));
            return Stream.of(account, address).filter(t -> t != null).max(Instant::compareTo);
        });
    }

    /**
     * A successful sign-in clears the account's failures; the address keeps its own, so one valid account does not
     * let an address keep guessing others' passwords.
     */
    void recordSuccess(LoginAttempt attempt) {
        jdbc.update("DELETE FROM login_throttle WHERE subject_type = 'ACCOUNT' AND subject = ?", attempt.account());
    }

    private Instant fail(Subject subject, String key, Backoff backoff, Instant now) {
        jdbc.update("""
                INSERT INTO login_throttle (subject_type, subject, failures, last_failure_at)
                VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING
                """, subject.name(), key, timestamp(now));
        Backoff.State previous = jdbc.queryForObject(
                """
                SELECT failures, last_failure_at, blocked_until FROM login_throttle
                WHERE subject_type = ? AND subject = ? FOR UPDATE
                """,
                (rs, row) -> new Backoff.State(
                        rs.getInt("failures"), instant(rs, "last_failure_at"), instant(rs, "blocked_until")),
                subject.name(),
                key);
        Backoff.State next = backoff.afterFailure(previous, now);
        jdbc.update(
                """
                UPDATE login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ?
                WHERE subject_type = ? AND subject = ?
                """,
                next.failures(),
                timestamp(next.lastFailureAt()),
                next.blockedUntil() == null ? null : timestamp(next.blockedUntil()),
                subject.name(),
                key);
        return next.blockedUntil();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
