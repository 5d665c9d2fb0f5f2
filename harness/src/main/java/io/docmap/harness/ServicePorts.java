package io.docmap.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The services' HTTP ports: the documented ones for services that stay up ({@code ./docmap up}, {@code demo --keep}),
 * as the README's examples use them, or any free ones (0) for runs of their own (the tests, the benchmark).
 *
 * @param dispatcher the dispatcher's port, or 0 for any free one
 * @param worker the first worker's port; further workers take the ports after the highest of the three
 * @param mapper the mapper's port
 */
public record ServicePorts(int dispatcher, int worker, int mapper) {

    public static final ServicePorts ANY_FREE = new ServicePorts(0, 0, 0);

    /** 8081, 8082 and 8083, or the ports DOCMAP_{DISPATCHER,WORKER,MAPPER}_PORT name. */
    public static ServicePorts documented(Map<String, String> env) {
        return new ServicePorts(
                port(env, "DOCMAP_DISPATCHER_PORT", 8081),
                port(env, "DOCMAP_WORKER_PORT", 8082),
                port(env, "DOCMAP_MAPPER_PORT", 8083));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.strip().matches("[1-9][0-9]{0,4}") || Integer.parseInt(value.strip()) > 65_535) {
            throw new IllegalArgumentException(name + " is '" + value + "', not a port from 1 to 65535");
        }
        return Integer.parseInt(value.strip());
    }

    int ofDispatcher() {
        return dispatcher == 0 ? ServiceProcess.freePort() : dispatcher;
    }

    int ofMapper() {
        return mapper == 0 ? ServiceProcess.freePort() : mapper;
    }

    int ofWorker(int index) {
        if (worker == 0) {
            return ServiceProcess.freePort();
        }
        return index == 0 ? worker : Math.max(dispatcher, Math.max(worker, mapper)) + index;
    }

    /**
     * Refuses, before any service starts, the ports another program holds, each named with the setting that moves it.
     */
    void requireFree(int workers, boolean withMapper) {
        if (dispatcher == 0) {
            return;
        }
        List<String> taken = new ArrayList<>();
        check(dispatcher, "the dispatcher's port; DOCMAP_DISPATCHER_PORT moves it", taken);
        for (int i = 0; i < workers; i++) {
            check(ofWorker(i), "worker " + i + "'s port; DOCMAP_WORKER_PORT moves the workers'", taken);
        }
        if (withMapper) {
            check(mapper, "the mapper's port; DOCMAP_MAPPER_PORT moves it", taken);
        }
        if (!taken.isEmpty()) {
            throw new PortTakenException(String.join("; ", taken));
        }
    }

    /**
     * The first of {@code count} consecutive ports that are all free now, as {@code ./docmap up} gives its workers
     * consecutive ports: a free port alone may have its neighbour taken.
     */
    public static int freeRun(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ServiceProcess.freePort();
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                check(first + i, "", taken);
            }
            if (taken.isEmpty()) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports in 100 tries");
    }

    private static void check(int port, String what, List<String> taken) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            taken.add("port " + port + " is taken by another program (" + what + ")");
        }
    }

    /** A port the services need is taken: said plainly, with no stack trace. */
    public static final class PortTakenException extends IllegalStateException {

        PortTakenException(String message) {
            super(message);
        }
    }
}
