package io.docmap.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import io.docmap.common.Names;

/**
 * The services as {@code ./docmap demo} and {@code ./docmap up} run them: on the local Kafka, on the database
 * {@code DOCMAP_DB_*} names or else the local one, with a control token kept under {@code DOCMAP_HOME}. Services left
 * running are listed in {@code <DOCMAP_RUN_DIR>/services} (one line each: name, pid, URL, log), which
 * {@code ./docmap down}, {@code status} and {@code logs} read.
 */
final class LocalServices {

    private static final Logger LOG = Logger.getLogger("docmap");

    private final Path root = Path.of(env("DOCMAP_ROOT", ".")).toAbsolutePath();
    private final Path home = Path.of(env("DOCMAP_HOME", root.resolve(".docmap").toString()));
    private final Path runDir =
            Path.of(env("DOCMAP_RUN_DIR", home.resolve("run").toString()));

    /** Settings for {@code workers} workers; the tokens go to the dispatcher through its environment. */
    Pipeline.Settings settings(int workers, JvmOptions jvmOptions, ServicePorts ports) throws IOException {
        return new Pipeline.Settings(
                root,
                runDir.resolve("logs"),
                database(),
                Files.readString(home.resolve("kafka/bootstrap")).trim(),
                env("DOCMAP_PAGES_TOPIC", Names.PAGES_TOPIC),
                env("DOCMAP_DLQ_TOPIC", Names.PAGES_DLQ_TOPIC),
                env("DOCMAP_WORKER_GROUP", Names.WORKER_GROUP),
                Optional.empty(),
                workers,
                Map.of("DOCMAP_CONTROL_TOKEN", controlToken(), "DOCMAP_READ_TOKEN", readToken()),
                jvmOptions,
                ports);
    }

    /**
     * The documented ports, or those DOCMAP_{DISPATCHER,WORKER,MAPPER}_PORT name; a value that is no port is refused,
     * plainly, with exit code 2.
     */
    static ServicePorts documentedPorts() {
        try {
            return ServicePorts.documented(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** Starts the pipeline; a port another program holds is said plainly, with exit code 1 and no stack trace. */
    static void start(Pipeline pipeline) {
        try {
            pipeline.start();
        } catch (ServicePorts.PortTakenException e) {
            LOG.severe(e.getMessage() + ": stop that program, or move the port; nothing was started");
            System.exit(1);
        }
    }

    /** Lists the running services for {@code ./docmap down}, and prints where to find them. */
    void leaveRunning(Pipeline pipeline) throws IOException {
        pipeline.detach();
        List<String> lines = new ArrayList<>();
        List<ServiceProcess> inFlowOrder = new ArrayList<>();
        inFlowOrder.add(pipeline.dispatcher());
        inFlowOrder.addAll(pipeline.workers());
        inFlowOrder.add(pipeline.mapper());
        for (ServiceProcess service : inFlowOrder) {
            lines.add(String.join(
                    "\t",
                    service.name(),
                    Long.toString(service.pid()),
                    service.url(),
                    service.log().toString()));
        }
        Files.createDirectories(runDir);
        Files.write(runDir.resolve("services"), lines);
        String dispatcher = pipeline.dispatcher().url();
        LOG.info(String.format(
                "%n--- docmap is up ---%n"
                        + "status page   : %s/%n"
                        + "API docs      : %s/q/swagger-ui/%n"
                        + "metrics       : %s%n"
                        + "logs          : ./docmap logs [dispatcher|worker|mapper] (files in %s)%n"
                        + "stop          : ./docmap down%n"
                        + "The README's examples read the tokens from these variables (kept in %s):%n"
                        + "export DOCMAP_CONTROL_TOKEN=%s%n"
                        + "export DOCMAP_READ_TOKEN=%s",
                dispatcher,
                dispatcher,
                String.join(
                        " ",
                        inFlowOrder.stream().map(s -> s.url() + "/q/metrics").toList()),
                runDir.resolve("logs"),
                home,
                controlToken(),
                readToken()));
    }

    /** The database DOCMAP_DB_* names, when DOCMAP_DB_HOST is set; else the one {@code ./docmap infra} runs. */
    Pipeline.DatabaseSettings database() throws IOException {
        if (System.getenv("DOCMAP_DB_HOST") == null) {
            return Pipeline.DatabaseSettings.fromInfra(home);
        }
        return new Pipeline.DatabaseSettings(
                env("DOCMAP_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env("DOCMAP_DB_PORT", "3306")),
                env("DOCMAP_DB_NAME", "docmap"),
                env("DOCMAP_DB_USER", "docmap"),
                env("DOCMAP_DB_PASSWORD", "docmap"));
    }

    /** The control token: DOCMAP_CONTROL_TOKEN, or one generated once and kept, readable by its owner only. */
    String controlToken() throws IOException {
        return token("DOCMAP_CONTROL_TOKEN", "control-token");
    }

    /** The read token: DOCMAP_READ_TOKEN, or one generated once and kept, as the control token is. */
    String readToken() throws IOException {
        return token("DOCMAP_READ_TOKEN", "read-token");
    }

    private String token(String variable, String fileName) throws IOException {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = home.resolve(fileName);
        if (!Files.exists(file)) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(secret));
        }
        return Files.readString(file).strip();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
