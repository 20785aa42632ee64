package io.shopstack.gateway;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.ParentHeartbeatEvent;
import org.springframework.cloud.gateway.route.RouteRefreshListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rebuilds the routes on start and on a configuration refresh ({@code ./platform config push}), as Spring Cloud
 * Gateway's {@link RouteRefreshListener} does, but not on every Eureka registry fetch: that listener also rebuilds all
 * routes (predicates, filters) on each discovery heartbeat, every 2 s locally, which was most of the idle gateway's CPU
 * (docs/performance.md, "At rest"). The routes name services ({@code lb://}), not instances: the load balancer picks
 * up registry changes by itself. Replaces the default listener
 * ({@code spring.cloud.gateway.server.webflux.route-refresh-listener.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
class RoutesRefreshOnConfigChange {

    @Bean
    RouteRefreshListener routeRefreshListener(ApplicationEventPublisher publisher) {
        return new RouteRefreshListener(publisher) {
            @Override
            public void onApplicationEvent(ApplicationEvent event) {
                if (event instanceof HeartbeatEvent || event instanceof ParentHeartbeatEvent) {
                    return;
                }
                super.onApplicationEvent(event);
            }
        };
    }
}
