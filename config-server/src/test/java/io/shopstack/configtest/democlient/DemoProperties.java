package io.shopstack.configtest.democlient;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** JavaBean-style on purpose: the refresh rebinds it in place (a constructor-bound record could not be rebound). */
@ConfigurationProperties("demo")
public class DemoProperties {

    private String greeting;

    private String secret;

    public String getGreeting() {
        return greeting;
    }

    public void setGreeting(String greeting) {
        this.greeting = greeting;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }
}
