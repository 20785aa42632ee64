package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.token.ServiceClients;
import io.shopstack.cli.token.TokenClient;
import io.shopstack.cli.token.TokenException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code token <user> [--scope S]} performs the real authorization-code + PKCE login of a local user;
 * {@code token --service <client-id>} the client-credentials grant. There is no way to get a token without
 * credentials: they come from the environment, else the documented local development ones.
 */
@Command(
        name = "token",
        header = "Print an access token (real login): token <user> [--scope S] | token --service <client-id>.",
        description = "Print an access token from the issuer, obtained the real way: the authorization-code + PKCE "
                + "login of a local user, or the client-credentials grant of a service client.",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  SHOPSTACK_PASSWORD       the user's password (default <user>-password, e.g. alice-password)",
            "  SHOPSTACK_CLIENT_SECRET  the client's secret (default <client-id>-dev-secret)",
            "  SHOPSTACK_ISSUER         the issuer (default http://localhost:<AUTH_SERVER_PORT>, i.e. :9000)",
            "",
            "Examples:",
            "  T=$(./platform token alice)",
            "  A=$(./platform token admin --scope catalog:write)",
            "  O=$(./platform token --service operator)                      # every scope the client has",
            "  M=$(./platform token --service prometheus --scope metrics:read)"
        })
public final class TokenCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(
            names = "--scope",
            paramLabel = "<scope>",
            description = "For a user: a scope on top of \"" + TokenClient.DEFAULT_USER_SCOPE + "\" "
                    + "(e.g. catalog:write). For a service: the scopes to ask for, space-separated (default: every "
                    + "scope the client is registered with).")
    String scope;

    /** Whom the token is for: a user or a service client, never both. */
    static final class Subject {

        @Parameters(paramLabel = "<user>", description = "A local user to log in as: alice, bob or admin.")
        String user;

        @Option(
                names = "--service",
                paramLabel = "<client-id>",
                description = "A service client instead of a user, e.g. operator or product-service.")
        String clientId;
    }

    private final LocalPlatform platform;

    TokenCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() {
        try {
            System.out.println(subject.clientId != null ? serviceToken(subject.clientId) : userToken(subject.user));
            return 0;
        } catch (TokenException e) {
            System.err.println("error: " + e.getMessage());
            return PlatformCommand.FAILURE;
        }
    }

    private String userToken(String user) {
        String password = platform.variable("SHOPSTACK_PASSWORD", user + "-password");
        String scopes = scope == null ? TokenClient.DEFAULT_USER_SCOPE : TokenClient.DEFAULT_USER_SCOPE + " " + scope;
        return new TokenClient().userToken(platform.issuer(), user, password.toCharArray(), scopes);
    }

    private String serviceToken(String clientId) {
        String secret = platform.variable("SHOPSTACK_CLIENT_SECRET", clientId + "-dev-secret");
        // A client-credentials token carries only the scopes asked for: by default every one the client is registered
        // with.
        String scopes = scope != null
                ? scope
                : ServiceClients.registeredScopes(clientId)
                        .orElseThrow(() -> new TokenException(
                                "unknown client " + clientId + ": name the scopes to ask for with --scope"));
        return new TokenClient().serviceToken(platform.issuer(), clientId, secret.toCharArray(), scopes);
    }
}
