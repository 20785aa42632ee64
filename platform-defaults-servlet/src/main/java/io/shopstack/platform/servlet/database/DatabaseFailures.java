package io.shopstack.platform.servlet.database;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Tells "the database cannot be reached" apart from every other failure, whatever layer wrapped it. */
public final class DatabaseFailures {

    /** Spring's and Hibernate's wrappers, by name so that this module needs neither JDBC support nor Hibernate. */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.hibernate.exception.JDBCConnectionException");

    private DatabaseFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || isConnectionFailureName(cause.getClass())) {
                return true;
            }
            // SQLSTATE class 08: connection exception (PostgreSQL's 08001, 08006, ...); 57P01-03: the server is
            // shutting down or restarting and terminated the session.
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P0")) {
                    return true;
                }
            }
            if (cause instanceof SQLException && thrownByHikariClosedConnection(cause)) {
                return true;
            }
            if (cause instanceof SocketTimeoutException && hasSqlAncestor(failure, cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailureName(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (CONNECTION_FAILURES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP swaps a connection that failed with a connection error (SQLSTATE 08...) for a closed stand-in, whose
     * every call fails with a state-less "Connection is closed". The rollback after the failed query then hides the
     * original error (Spring reports the rollback's), so this failure means the same thing.
     */
    private static boolean thrownByHikariClosedConnection(Throwable failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        return stack.length > 0
                && stack[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection");
    }

    private static boolean hasSqlAncestor(Throwable failure, Throwable socketTimeout) {
        for (Throwable cause = failure; cause != null && cause != socketTimeout; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
