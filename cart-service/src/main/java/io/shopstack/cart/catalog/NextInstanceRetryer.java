package io.shopstack.cart.catalog;

import feign.RetryableException;
import feign.Retryer;
import io.shopstack.platform.loadbalancer.ConnectFailures;

/**
 * Feign's retryer for product-service calls (all of them reads): a call whose connection could not be made (refused,
 * connect timeout, no route to a host that is gone) or that an instance answered 503 (not ready: its database is
 * unreachable) is tried once more at once. Each attempt asks the load balancer again, which has just left out the
 * failed instance (platform-defaults' passive health checking), so the second attempt goes to another instance while
 * the registry still lists the failed one (docs/multi-host-drills.md). Anything else (a read timeout: the catalog is
 * slow, more load does not help) is not retried here; {@link ProductCatalog}'s read retry decides about those.
 */
public final class NextInstanceRetryer implements Retryer {

    static final int MAX_ATTEMPTS = 2;

    private int attempt = 1;

    @Override
    public void continueOrPropagate(RetryableException e) {
        boolean anotherInstanceMayAnswer = ConnectFailures.isConnectFailure(e) || e.status() == 503;
        if (attempt >= MAX_ATTEMPTS || !anotherInstanceMayAnswer) {
            throw e;
        }
        attempt++;
    }

    @Override
    public Retryer clone() {
        return new NextInstanceRetryer();
    }
}
