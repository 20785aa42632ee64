package io.shopstack.platform.loadbalancer;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;

/** Whether a call failed before anything was sent: the one failure that is safe to retry for any request. */
public final class ConnectFailures {

    private ConnectFailures() {}

    /**
     * Connection refused, connect timeout, or no route to the instance's host (a host that is gone no longer answers
     * ARP), at any depth of the cause chain. Each HTTP client says "connect timeout" its own way: Netty's
     * ConnectTimeoutException is a {@link ConnectException}; Apache HttpClient's ConnectTimeoutException and the JDK
     * HttpClient's {@link HttpConnectTimeoutException} are not; the JDK's socket (HttpURLConnection, Feign's default
     * client) throws a plain {@link SocketTimeoutException} whose message says "Connect timed out" (a read timeout says
     * "Read timed out" and is not a connect failure: the request may have been processed).
     */
    public static boolean isConnectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof HttpConnectTimeoutException
                    || cause.getClass().getSimpleName().equals("ConnectTimeoutException")
                    || (cause instanceof SocketTimeoutException
                            && cause.getMessage() != null
                            && cause.getMessage().regionMatches(true, 0, "connect timed out", 0, 17))) {
                return true;
            }
        }
        return false;
    }
}
