package io.shopstack.infrastructure;

/** One real server process (or in-process server) with a start that returns only once it answers. */
interface ManagedServer {

    Server kind();

    /** Starts the server and blocks until it answers requests. */
    void start() throws Exception;

    /** Stops the server; never throws, so that the servers started before it are stopped too. */
    void stop();

    /** Human-readable address, e.g. {@code 127.0.0.1:5432}. */
    String address();
}
