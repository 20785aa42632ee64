package io.shopstack.platform.problem;

import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link ProblemDetail} as {@code application/problem+json} bytes, for the places that answer before or
 * outside Spring's message converters (security entry points, filters, the gateway's handlers): the standard members
 * in RFC order, then the extension members, flat, as Spring's converters write them.
 */
public final class ProblemJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {}

    public static byte[] bytes(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach(members::putIfAbsent);
        }
        return JSON.writeValueAsBytes(members);
    }
}
