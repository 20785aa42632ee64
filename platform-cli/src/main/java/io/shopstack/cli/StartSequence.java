package io.shopstack.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The order in which {@code up} starts the services: in waves, every service of a wave side by side, a wave only once
 * the one before is healthy. config-server comes first (every service reads its configuration at start), discovery
 * second (it is a config client itself, and the others register with it); the rest need only those two at start (the
 * issuer's keys, other services and Eureka's registry are looked up lazily), so they start together: on two cores
 * their starts overlap one another's waits for the database, Kafka and Eureka (docs/performance.md, "Start and
 * memory").
 */
public final class StartSequence {

    /** Starts one service and blocks until it is healthy; throws if it is not. */
    @FunctionalInterface
    public interface Start {
        void start(ServiceSpec service) throws Exception;
    }

    /** A service that did not come up; the services still starting beside it were interrupted. */
    public static final class Failure extends Exception {
        private final ServiceSpec service;

        Failure(ServiceSpec service, Throwable cause) {
            super(cause.getMessage(), cause);
            this.service = service;
        }

        public ServiceSpec service() {
            return service;
        }
    }

    private StartSequence() {}

    /** The waves for {@code services} (a subset of {@link ServiceSpec#ALL}, in its order). */
    public static List<List<ServiceSpec>> waves(List<ServiceSpec> services) {
        List<List<ServiceSpec>> waves = new ArrayList<>();
        List<ServiceSpec> rest = new ArrayList<>();
        for (ServiceSpec service : services) {
            if (service.name().equals("config-server") || service.name().equals("discovery")) {
                waves.add(List.of(service));
            } else {
                rest.add(service);
            }
        }
        if (!rest.isEmpty()) {
            waves.add(List.copyOf(rest));
        }
        return List.copyOf(waves);
    }

    /**
     * Runs the waves; the first service that fails ends the start: the others of its wave are interrupted (their
     * processes are the caller's to stop) and no later wave begins.
     */
    public static void run(List<List<ServiceSpec>> waves, Start start) throws Failure, InterruptedException {
        for (List<ServiceSpec> wave : waves) {
            if (wave.size() == 1) {
                try {
                    start.start(wave.getFirst());
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Failure(wave.getFirst(), e);
                }
                continue;
            }
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                ExecutorCompletionService<ServiceSpec> completion = new ExecutorCompletionService<>(executor);
                List<Future<ServiceSpec>> started = new ArrayList<>();
                for (ServiceSpec service : wave) {
                    started.add(completion.submit(() -> {
                        try {
                            start.start(service);
                            return service;
                        } catch (Exception e) {
                            throw new Failure(service, e);
                        }
                    }));
                }
                try {
                    for (int i = 0; i < wave.size(); i++) {
                        completion.take().get();
                    }
                } catch (ExecutionException e) {
                    started.forEach(future -> future.cancel(true));
                    throw e.getCause() instanceof Failure failure
                            ? failure
                            : new Failure(wave.getFirst(), e.getCause());
                } catch (InterruptedException e) {
                    started.forEach(future -> future.cancel(true));
                    throw e;
                }
            }
        }
    }
}
