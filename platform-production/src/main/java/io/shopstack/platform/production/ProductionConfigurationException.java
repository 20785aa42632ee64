package io.shopstack.platform.production;

/** The {@code prod} profile's start was refused; the message is the one line an operator needs. */
public class ProductionConfigurationException extends IllegalStateException {

    private final transient ProductionCheck check;

    public ProductionConfigurationException(ProductionCheck check) {
        super(check.describe());
        this.check = check;
    }

    public ProductionCheck check() {
        return check;
    }
}
