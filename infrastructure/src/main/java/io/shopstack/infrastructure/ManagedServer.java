package io.shopstack.infrastructure;

/** One real server process (or in-process server) with a start that returns only once it answers. */
interface ManagedServer {

    Server kind();

    /** Starts the server and blocks until it answers requests. */
    void start() throws Exception;

    /** Stops the server; never throws, so that the servers started before it are stopped too. */
    void stop();

    /**
     * Whether the started server is still there: its process alive (or, in this JVM, its port answering). False once it
     * died on its own, e.g. killed or crashed; the launcher reports that and {@code infra start} brings it back.
     */
    boolean isAlive();

    /** Human-readable address, e.g. {@code 127.0.0.1:5432}. */
    String address();
}
