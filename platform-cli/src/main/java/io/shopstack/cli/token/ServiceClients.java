package io.shopstack.cli.token;

import java.util.Map;
import java.util.Optional;

/**
 * The platform's service clients and the scopes each is registered with (auth-server's {@code shopstack.auth.clients},
 * README "Running in production"). A client-credentials request must name its scopes (Spring Authorization Server
 * grants none otherwise), so {@code ./platform token --service <client>} asks for all of these unless told otherwise.
 */
public final class ServiceClients {

    private static final Map<String, String> SCOPES = Map.of(
            "operator", "catalog:write promo:admin dlq:admin metrics:read actuator:write",
            "product-service", "catalog:events",
            "observability", "metrics:read",
            "prometheus", "metrics:read");

    private ServiceClients() {}

    /** Every scope {@code clientId} is registered with, space-separated; empty for a client this list does not know. */
    public static Optional<String> registeredScopes(String clientId) {
        return Optional.ofNullable(SCOPES.get(clientId));
    }
}
