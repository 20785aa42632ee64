package io.shopstack.platform.servlet.database;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Every {@link DataSource} bean of a servlet service gets a {@link FailFastDataSource} in front of its getConnection: while the database is
 * unreachable, requests fail at once (503 {@code DATABASE_UNAVAILABLE}, see the problem advice) instead of each waiting
 * the pool's connection timeout. {@code shopstack.datasource.fail-fast.enabled=false} turns it off;
 * {@code shopstack.datasource.fail-fast.probe-interval} (default 500ms) is how often one request may try for real.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "shopstack.datasource.fail-fast.enabled", matchIfMissing = true)
public class DatabaseAvailabilityAutoConfiguration {

    @Bean
    static BeanPostProcessor shopstackFailFastDataSource(Environment environment) {
        Duration probeInterval = environment.getProperty(
                "shopstack.datasource.fail-fast.probe-interval", Duration.class, Duration.ofMillis(500));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource dataSource) || bean instanceof FailFastDataSource) {
                    return bean;
                }
                // A subclass proxy keeps the bean's type (HikariDataSource for metrics, JMX, checkpoint-restore);
                // only getConnection goes through the fail-fast gate.
                FailFastDataSource gate = new FailFastDataSource(dataSource, probeInterval);
                ProxyFactory proxy = new ProxyFactory(dataSource);
                proxy.setProxyTargetClass(true);
                proxy.addAdvice((MethodInterceptor) invocation -> {
                    if (!invocation.getMethod().getName().equals("getConnection")) {
                        return invocation.proceed();
                    }
                    Object[] arguments = invocation.getArguments();
                    return arguments.length == 2
                            ? gate.getConnection((String) arguments[0], (String) arguments[1])
                            : gate.getConnection();
                });
                return proxy.getProxy(dataSource.getClass().getClassLoader());
            }
        };
    }
}
