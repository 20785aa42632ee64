package io.shopstack.platform.loadbalancer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Passive health checking of the instances a service calls ({@link InstanceHealth}).
 *
 * @param ejection    how long an instance that failed is left out at first: about the time Eureka and the load
 *                    balancer's cache need to stop listing a dead instance
 * @param maxEjection the longest ejection: each failure right after an ejection ended doubles the next one, up to
 *                    this, so an instance the registry keeps listing (Eureka's self-preservation) costs one failed
 *                    attempt per this period, not one per {@code ejection}
 */
@ConfigurationProperties("shopstack.load-balancer")
public record LoadBalancingProperties(
        @DefaultValue("10s") Duration ejection,
        @DefaultValue("80s") Duration maxEjection) {}
