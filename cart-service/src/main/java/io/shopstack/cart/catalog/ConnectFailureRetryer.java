package io.shopstack.cart.catalog;

import feign.RetryableException;
import feign.Retryer;
import io.shopstack.platform.loadbalancer.ConnectFailures;

/**
 * Feign's retryer for product-service calls: a call whose connection could not be made (refused, connect timeout, no
 * route to a host that is gone) is tried once more at once. Each attempt asks the load balancer again, which has just
 * left out the failed instance (platform-defaults' passive health checking), so the second attempt goes to another
 * instance while the registry still lists the dead one. Nothing was sent, so this is safe for every call; anything
 * else (a read timeout, a 503 with Retry-After) is not retried here: {@link ProductCatalog}'s read retry decides that.
 * {@link ProductClient}'s retryer.
 */
public final class ConnectFailureRetryer implements Retryer {

    static final int MAX_ATTEMPTS = 2;

    private int attempt = 1;

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (attempt >= MAX_ATTEMPTS || !ConnectFailures.isConnectFailure(e)) {
            throw e;
        }
        attempt++;
    }

    @Override
    public Retryer clone() {
        return new ConnectFailureRetryer();
    }
}
