package io.shopstack.discovery.ownership;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * discovery's refusals as RFC 9457 problems (docs/problems.md). discovery does not use platform-defaults (it is no
 * resource server), so it writes its few bodies itself. 401 stays the plain basic-auth challenge Eureka clients know.
 */
public enum DiscoveryProblem {
    FORBIDDEN("Forbidden", "This identity may not make this request."),
    APPLICATION_NAME_NOT_OWNED(
            "Application name not owned",
            "An identity may register, renew, change and cancel only instances of the application named like it."),
    VIP_ADDRESS_NOT_OWNED(
            "Virtual host name not owned",
            "An instance's vipAddress and secureVipAddress must be its own application name: callers find instances"
                    + " by them.");

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String title;
    private final String detail;

    DiscoveryProblem(String title, String detail) {
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return 403;
    }

    public String json(String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put(
                "type",
                "https://shopstack.io/problems/"
                        + name().toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", title);
        problem.put("status", status());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        problem.put("code", name());
        return JSON.writeValueAsString(problem);
    }
}
