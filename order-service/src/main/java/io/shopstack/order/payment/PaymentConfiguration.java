package io.shopstack.order.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Which payment provider is used. There is no default: the local profile names the simulator (config-repo); prod must
 * name one explicitly ({@code SHOPSTACK_PAYMENT_PROVIDER}), so a production deployment never takes the simulator
 * without saying so.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentConfiguration.PaymentProperties.class)
class PaymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentConfiguration.class);

    enum Provider {
        SIMULATOR
    }

    /**
     * @param provider      the adapter; only the simulator exists so far
     * @param declineAbove  the simulator declines amounts above this (like a sandbox's limit)
     * @param timeout       how long the simulator's timeout card keeps the caller waiting
     */
    @ConfigurationProperties("shopstack.payment")
    record PaymentProperties(
            Provider provider,
            @DefaultValue("10000.00") BigDecimal declineAbove,
            @DefaultValue("1s") Duration timeout) {}

    @Bean
    PaymentProvider paymentProvider(PaymentProperties properties, JdbcTemplate jdbc) {
        if (properties.provider() == null) {
            throw new IllegalStateException(
                    "No payment provider: set shopstack.payment.provider (SHOPSTACK_PAYMENT_PROVIDER); the only one so far is 'simulator'");
        }
        log.warn("Payments go to the SIMULATOR: no real money moves (docs/order-saga.md, \"Payment\")");
        return new SimulatedPaymentProvider(jdbc, properties.declineAbove(), properties.timeout());
    }
}
