package io.shopstack.load;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the simulation loads and how hard, from system properties ({@code -Dshopstack.rate=20}) or else the
 * environment ({@code SHOPSTACK_RATE=20}). Tokens belong in the environment: a command line is visible to every
 * local user ({@code ps}).
 *
 * @param baseUrl    the entry URL, the gateway ({@code shopstack.baseUrl}, default http://localhost:8080)
 * @param tokens     shoppers' bearer tokens (scope {@code cart}), comma-separated; visits use them round robin. The
 *                   gateway limits carts per user (10 requests/s): a visit makes about three cart requests, so the
 *                   rate must stay below ~3 visits/s per token unless the platform runs with higher limits
 *                   ({@code SHOPSTACK_CART_RATE}, {@code SHOPSTACK_CATALOG_RATE})
 * @param promoCode  an active promo code without a minimum order or usage limit (created by the caller)
 * @param rate       visits (users) arriving per second after the ramp
 * @param ramp       from 1 visit/s up to {@code rate}
 * @param duration   at {@code rate}, after the ramp
 * @param assertions {@code errors} (a smoke: no request may fail) or {@code goals} (also issue 16's latency goals)
 */
public record LoadSettings(
        URI baseUrl,
        List<String> tokens,
        String promoCode,
        double rate,
        Duration ramp,
        Duration duration,
        Assertions assertions) {

    public enum Assertions {
        ERRORS,
        GOALS
    }

    public LoadSettings {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no shopper tokens: set SHOPSTACK_TOKENS (comma-separated)");
        }
        if (promoCode == null || promoCode.isBlank()) {
            throw new IllegalArgumentException("no promo code: set shopstack.promoCode or SHOPSTACK_PROMO_CODE");
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("the rate must be positive: " + rate);
        }
    }

    static LoadSettings fromEnvironment() {
        return new LoadSettings(
                URI.create(setting("baseUrl", "http://localhost:8080").replaceAll("/+$", "")),
                Arrays.stream(setting("tokens", "").split(","))
                        .map(String::trim)
                        .filter(token -> !token.isEmpty())
                        .toList(),
                setting("promoCode", ""),
                Double.parseDouble(setting("rate", "5")),
                Duration.ofSeconds(Long.parseLong(setting("ramp", "10"))),
                Duration.ofSeconds(Long.parseLong(setting("duration", "60"))),
                Assertions.valueOf(setting("assertions", "goals").toUpperCase(Locale.ROOT)));
    }

    /** {@code shopstack.<name>} as a system property, else SHOPSTACK_<NAME> (camel case split by underscores). */
    private static String setting(String name, String fallback) {
        String property = System.getProperty("shopstack." + name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable =
                "SHOPSTACK_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        String value = System.getenv(variable);
        return value != null && !value.isBlank() ? value : fallback;
    }
}
