package io.shopstack.infrastructure;

/** The real servers the infrastructure can start, in start order (stopped in reverse). */
public enum Server {
    POSTGRES("PostgreSQL"),
    KAFKA("Kafka"),
    REDIS("Redis"),
    ZIPKIN("Zipkin");

    private final String displayName;

    Server(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
