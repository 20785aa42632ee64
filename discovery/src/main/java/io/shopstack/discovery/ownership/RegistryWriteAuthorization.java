package io.shopstack.discovery.ownership;

import io.shopstack.discovery.identity.Access;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every request that is not a read: granted only when it is one of the owner's writes ({@link RegistryWrites}) and the
 * identity owns that application name. Refusals are 403 problems, logged with the identity (an attempt to write
 * another service's name is worth noticing).
 */
public final class RegistryWriteAuthorization
        implements AuthorizationManager<RequestAuthorizationContext>, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryWriteAuthorization.class);

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Optional<String> application = RegistryWrites.applicationOf(context.getRequest());
        return new AuthorizationDecision(
                application.isPresent() && Access.mayWrite(authentication.get(), application.get()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Authentication identity = SecurityContextHolder.getContext().getAuthentication();
        Optional<String> application = RegistryWrites.applicationOf(request);
        DiscoveryProblem problem = application.isPresent()
                        && identity != null
                        && identity.getAuthorities().contains(Access.REGISTER_OWN_NAME.authority())
                ? DiscoveryProblem.APPLICATION_NAME_NOT_OWNED
                : DiscoveryProblem.FORBIDDEN;
        log.warn(
                "Refused {} {} for identity '{}' ({})",
                request.getMethod(),
                request.getRequestURI(),
                identity == null ? "" : identity.getName(),
                problem);
        response.setStatus(problem.status());
        response.setContentType(DiscoveryProblem.CONTENT_TYPE);
        response.getOutputStream().write(problem.json(request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
    }
}
