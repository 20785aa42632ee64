package io.shopstack.platform.json;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request JSON is read strictly, so that bad input is a 400 at the edge instead of something silently changed or a
 * database error: a fractional number for an integer field is refused (Jackson would truncate 1.5 to 1), and so is
 * a NUL character in any string (PostgreSQL cannot store it in text and would fail the request with a 500).
 */
public final class StrictJsonInput implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(
                        new SimpleModule("shopstack-strict-strings").addDeserializer(String.class, new NoNulStrings()));
    }

    /** The standard string deserializer, refusing NUL characters. */
    static final class NoNulStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw context.weirdStringException(value, String.class, "NUL characters are not allowed");
            }
            return value;
        }
    }
}
