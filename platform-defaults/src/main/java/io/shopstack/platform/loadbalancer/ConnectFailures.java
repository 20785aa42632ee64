package io.shopstack.platform.loadbalancer;

import java.net.ConnectException;
import java.net.NoRouteToHostException;

/** Whether a call failed before anything was sent: the one failure that is safe to retry for any request. */
public final class ConnectFailures {

    private ConnectFailures() {}

    /**
     * Connection refused or connect timeout (Netty's and the JDK's exceptions extend {@link ConnectException}), or no
     * route to the instance's host (a host that is gone no longer answers ARP), at any depth of the cause chain.
     */
    public static boolean isConnectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
