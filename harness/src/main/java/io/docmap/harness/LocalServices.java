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

    /** Settings for {@code workers} workers; the control token goes to the dispatcher through its environment. */
    Pipeline.Settings settings(int workers, JvmOptions jvmOptions) throws IOException {
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
                Map.of("DOCMAP_CONTROL_TOKEN", controlToken()),
                jvmOptions);
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
                        + "control token : %s (in %s)%n"
                        + "logs          : ./docmap logs [dispatcher|worker|mapper]%n"
                        + "stop          : ./docmap down",
                dispatcher,
                dispatcher,
                String.join(
                        " ",
                        inFlowOrder.stream().map(s -> s.url() + "/q/metrics").toList()),
                controlToken(),
                tokenFile(),
                runDir.resolve("logs")));
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
        String given = System.getenv("DOCMAP_CONTROL_TOKEN");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = tokenFile();
        if (!Files.exists(file)) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(secret));
        }
        return Files.readString(file).strip();
    }

    private Path tokenFile() {
        return home.resolve("control-token");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
