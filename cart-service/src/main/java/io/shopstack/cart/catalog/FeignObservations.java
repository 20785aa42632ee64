package io.shopstack.cart.catalog;

import feign.Request;
import feign.Response;
import feign.micrometer.FeignContext;
import feign.micrometer.FeignObservationConvention;
import feign.micrometer.MicrometerObservationCapability;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.observation.ClientHttpObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.http.client.observation.ClientHttpObservationDocumentation.LowCardinalityKeyNames;

import java.net.URI;
import java.util.Locale;

/**
 * The Feign calls' {@code http.client.requests} observations with the tag keys of every other HTTP client here (Spring's
 * {@code DefaultClientRequestObservationConvention}: {@code client.name, method, uri, status, outcome, exception}).
 * Feign's default convention names them {@code clientName, http.method, http.url, http.status_code}; Prometheus keeps one
 * set of tag keys per meter name, so whichever client registered first (the Eureka client's RestClient, usually) won
 * and the cart→product calls were dropped from /actuator/prometheus ("Prometheus requires that all meters with the same
 * name have the same set of tag keys"). Replaces Spring Cloud OpenFeign's capability bean (it backs off for ours).
 */
@Configuration(proxyBeanMethods = false)
class FeignObservations {

    @Bean
    MicrometerObservationCapability micrometerObservationCapability(ObservationRegistry registry) {
        return new MicrometerObservationCapability(registry, new ClientRequestConvention());
    }

    /** Values as Spring's convention gives them: client.name is the Feign client's name (its service id). */
    static final class ClientRequestConvention implements FeignObservationConvention {

        @Override
        public String getName() {
            return "http.client.requests";
        }

        @Override
        public String getContextualName(FeignContext context) {
            return "http " + context.getCarrier().httpMethod().name().toLowerCase(Locale.ROOT);
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(FeignContext context) {
            Request request = context.getCarrier();
            Response response = context.getResponse();
            Throwable error = context.getError();
            return KeyValues.of(
                    LowCardinalityKeyNames.CLIENT_NAME.withValue(
                            request.requestTemplate().feignTarget().name()),
                    LowCardinalityKeyNames.METHOD.withValue(request.httpMethod().name()),
                    LowCardinalityKeyNames.URI.withValue(uriTemplate(request)),
                    LowCardinalityKeyNames.STATUS.withValue(
                            response == null ? "CLIENT_ERROR" : String.valueOf(response.status())),
                    LowCardinalityKeyNames.OUTCOME.withValue(outcome(response)),
                    LowCardinalityKeyNames.EXCEPTION.withValue(
                            error == null ? "none" : error.getClass().getSimpleName()));
        }

        @Override
        public KeyValues getHighCardinalityKeyValues(FeignContext context) {
            return KeyValues.of(HighCardinalityKeyNames.HTTP_URL.withValue(
                    context.getCarrier().url()));
        }

        /** The target's path and the method's template without its query: {@code /api/products/{id}}. */
        private static String uriTemplate(Request request) {
            String base =
                    URI.create(request.requestTemplate().feignTarget().url()).getPath();
            String template =
                    request.requestTemplate().methodMetadata().template().url();
            int query = template.indexOf('?');
            return (base == null ? "" : base) + (query < 0 ? template : template.substring(0, query));
        }

        private static String outcome(Response response) {
            if (response == null) {
                return "UNKNOWN";
            }
            HttpStatus.Series series = HttpStatus.Series.resolve(response.status());
            if (series == null) {
                return "UNKNOWN";
            }
            return series == HttpStatus.Series.SUCCESSFUL ? "SUCCESS" : series.name(); // Spring's outcome values
        }
    }
}
