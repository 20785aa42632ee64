package io.shopstack.platform.servlet.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A connection pool's {@link DataSource} that stops waiting for a database it already knows to be unreachable. The
 * first {@code getConnection} that fails with a connection error (a pool timeout, a refused or lost connection) marks
 * the database down; from then on every call fails at once with {@link SQLTransientConnectionException}, except one
 * probe per interval, which asks the pool as usual. The first probe that gets a connection marks it up again.
 *
 * <p>Why: HikariCP makes every caller wait its full connection timeout while the database is gone, and a gateway that
 * retries reads multiplies that wait; and a caller that waits is what makes Hikari try to connect again (with
 * {@code minimum-idle=0} its connection adder stops when nobody waits, so its back-off, up to 5 s, starts over at 10 ms
 * with each probe). So: one request per interval pays the wait, the others answer 503 immediately, and recovery is
 * seen within about one interval.
 */
public class FailFastDataSource implements DataSource {

    private static final Logger log = LoggerFactory.getLogger(FailFastDataSource.class);

    private final DataSource target;
    private final long probeIntervalNanos;
    private final LongSupplier clock;
    /** 0 while the database is up; else when the next probe may go through (System.nanoTime). */
    private final AtomicLong nextProbeAt = new AtomicLong();

    private volatile boolean down;

    public FailFastDataSource(DataSource target, Duration probeInterval) {
        this(target, probeInterval, System::nanoTime);
    }

    FailFastDataSource(DataSource target, Duration probeInterval, LongSupplier clock) {
        this.target = target;
        this.probeIntervalNanos = probeInterval.toNanos();
        this.clock = clock;
    }

    public DataSource target() {
        return target;
    }

    /** Whether the last attempt to get a connection failed for want of a database. */
    public boolean databaseDown() {
        return down;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(target::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(() -> target.getConnection(username, password));
    }

    private Connection connect(ConnectionSource source) throws SQLException {
        if (down && !claimProbe()) {
            throw new SQLTransientConnectionException(
                    "The database is unreachable (failing fast until a probe connects)", "08001");
        }
        try {
            Connection connection = source.get();
            if (down) {
                down = false;
                log.info("Database reachable again");
            }
            return connection;
        } catch (SQLException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                if (!down) {
                    log.warn(
                            "Database unreachable ({}); failing fast, probing every {} ms",
                            e.toString(),
                            Duration.ofNanos(probeIntervalNanos).toMillis());
                    nextProbeAt.set(clock.getAsLong() + probeIntervalNanos);
                    down = true;
                }
            }
            throw e;
        }
    }

    private boolean claimProbe() {
        long now = clock.getAsLong();
        long next = nextProbeAt.get();
        return now - next >= 0 && nextProbeAt.compareAndSet(next, now + probeIntervalNanos);
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
