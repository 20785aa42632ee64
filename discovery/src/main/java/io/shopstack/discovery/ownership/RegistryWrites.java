package io.shopstack.discovery.ownership;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writes Eureka's REST API offers an instance's owner, and the application name each acts on: register
 * ({@code POST /eureka/apps/{APP}}), renew and cancel ({@code PUT}/{@code DELETE /eureka/apps/{APP}/{id}}), status
 * ({@code PUT}/{@code DELETE …/{id}/status}) and metadata ({@code PUT …/{id}/metadata}). {@code /eureka/v2/…} is the
 * same API (the server rewrites {@code /eureka/…} to it). The raw request URI is matched (the firewall has refused
 * {@code ..}, {@code //}, {@code ;} and encoded slashes before), and an application name must be plain: a
 * percent-encoded one, which Eureka would decode into another name, is no known write. Everything else that is not a
 * read (replication batches, ASG status, other versions, trailing slashes) is no write an identity may make.
 */
final class RegistryWrites {

    private static final String PREFIX = "^/eureka(?:/v2)?/apps/([A-Za-z0-9._-]+)";
    private static final Pattern REGISTER = Pattern.compile(PREFIX + "$");
    private static final Pattern INSTANCE_PUT = Pattern.compile(PREFIX + "/[^/]+(?:/status|/metadata)?$");
    private static final Pattern INSTANCE_DELETE = Pattern.compile(PREFIX + "/[^/]+(?:/status)?$");

    private RegistryWrites() {}

    /** The application name the request writes, or empty when it is none of the owner's writes. */
    static Optional<String> applicationOf(HttpServletRequest request) {
        return applicationOf(request.getMethod(), request.getRequestURI());
    }

    static Optional<String> applicationOf(String method, String requestUri) {
        Pattern shape = switch (method) {
            case "POST" -> REGISTER;
            case "PUT" -> INSTANCE_PUT;
            case "DELETE" -> INSTANCE_DELETE;
            default -> null;
        };
        if (shape == null || requestUri == null) {
            return Optional.empty();
        }
        Matcher matcher = shape.matcher(requestUri);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
