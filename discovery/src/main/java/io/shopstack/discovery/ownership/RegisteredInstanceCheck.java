package io.shopstack.discovery.ownership;

import com.netflix.appinfo.InstanceInfo;
import io.shopstack.discovery.identity.Access;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;
import java.util.Locale;

/**
 * Checks the instance a registration carries, as Eureka itself decoded it (a Jersey reader interceptor on Eureka's
 * REST API), so that no second parser can read the body differently. The path already names the caller's own
 * application ({@link RegistryWriteAuthorization}); here the body must too, and its {@code vipAddress} and
 * {@code secureVipAddress} must be that name or empty: Spring Cloud's discovery client, and so the gateway's
 * {@code lb://} routes, cart's Feign client and Spring Boot Admin, find instances by virtual host name, not by
 * application name. Without this check CART-SERVICE could register an instance with {@code vipAddress=product-service}
 * and receive product-service's traffic and tokens. Any other entity (peer replication batches) is refused: this
 * registry has no peers.
 */
public final class RegisteredInstanceCheck implements ReaderInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RegisteredInstanceCheck.class);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object entity = context.proceed();
        Authentication identity = SecurityContextHolder.getContext().getAuthentication();
        if (!(entity instanceof InstanceInfo instance)) {
            throw refuse(
                    DiscoveryProblem.FORBIDDEN,
                    identity,
                    entity == null ? "nothing" : entity.getClass().getSimpleName());
        }
        String application = instance.getAppName();
        if (application == null || !Access.mayWrite(identity, application)) {
            throw refuse(DiscoveryProblem.APPLICATION_NAME_NOT_OWNED, identity, application);
        }
        if (!ownName(instance.getVIPAddress(), application) || !ownName(instance.getSecureVipAddress(), application)) {
            throw refuse(DiscoveryProblem.VIP_ADDRESS_NOT_OWNED, identity, application);
        }
        return instance;
    }

    /** Eureka indexes the upper-cased, comma-separated names: only the application's own name (or none) is allowed. */
    private static boolean ownName(String virtualHostNames, String application) {
        return virtualHostNames == null
                || virtualHostNames.isEmpty()
                || virtualHostNames.toUpperCase(Locale.ROOT).equals(application.toUpperCase(Locale.ROOT));
    }

    /** The body is the caller's: no line breaks or other control characters into the log. */
    private static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static WebApplicationException refuse(DiscoveryProblem problem, Authentication identity, String what) {
        String path = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRequestURI()
                : null;
        log.warn(
                "Refused registration {} at {} for identity '{}' ({})",
                printable(what),
                path,
                identity == null ? "" : identity.getName(),
                problem);
        return new WebApplicationException(Response.status(problem.status())
                .type(DiscoveryProblem.CONTENT_TYPE)
                .entity(problem.json(path))
                .build());
    }
}
