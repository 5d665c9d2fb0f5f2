package io.docmap.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One docmap service run as its own JVM from its Quarkus build, as it runs in production. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final String name;
    private final int port;
    private final Map<String, String> env;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final Path log;
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private Process process;

    /**
     * @param name the log file's name
     * @param env environment of the process
     * @param properties configuration: names in the style of environment variables ({@code DOCMAP_CONTROL_TOKEN})
     *     go to the environment, where other users of the machine cannot read them; others are system properties
     * @param jvmOptions options of the JVM, before the system properties
     */
    public ServiceProcess(
            String module,
            String name,
            int port,
            Map<String, String> env,
            Map<String, String> properties,
            List<String> jvmOptions,
            Path logDir) {
        this.module = module;
        this.name = name;
        this.port = port;
        this.env = Map.copyOf(env);
        this.properties = Map.copyOf(properties);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = logDir.resolve(name + ".log");
    }

    /** Starts the service and returns once its readiness check answers UP. */
    public ServiceProcess start(Path root, Duration timeout) {
        launch(root);
        awaitReady(timeout);
        return this;
    }

    /** Starts the process without waiting for it to be ready. */
    public ServiceProcess launch(Path root) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        Map<Boolean, Map<String, String>> byForm = properties.entrySet().stream()
                .collect(Collectors.partitioningBy(
                        e -> ENVIRONMENT_NAME.matcher(e.getKey()).matches(),
                        Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        byForm.get(false).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().putAll(byForm.get(true));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        }
        return this;
    }

    /** Waits until the readiness check answers UP; fails early if the process dies. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return;
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(module + " not ready within " + timeout + "; see " + log);
    }

    public boolean ready() {
        return get("/q/health/ready").map(r -> r.statusCode() == 200).orElse(false);
    }

    /** Whether the dispatcher answers its status page and API, as its Service's readiness asks. */
    public boolean serving() {
        return get("/q/health/group/serving").map(r -> r.statusCode() == 200).orElse(false);
    }

    /** SIGKILL: the process gets no chance to clean up, as in a node crash or an OOM kill. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process freezes with its connections open, as a node that hangs or is cut off does. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process goes on where it stopped. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling " + name, e);
        }
    }

    /** SIGTERM, then up to the grace period for a clean exit; says whether it exited within the grace. */
    public boolean stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return true;
        }
        process.destroy();
        if (waitForExit(grace)) {
            return true;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        return false;
    }

    /** The name its log file bears. */
    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The operating system's process id, while the process runs. */
    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Optional<HttpResponse<String>> get(String path) {
        return get(path, Optional.empty());
    }

    /** A GET with {@code Authorization: Bearer <token>}, as the dispatcher's API needs. */
    public Optional<HttpResponse<String>> get(String path, String token) {
        return get(path, Optional.of(token));
    }

    /**
     * A POST of a JSON body with {@code Authorization: Bearer <token>}, answered within {@code timeout}; empty when the
     * service does not answer.
     */
    public Optional<HttpResponse<String>> post(String path, String token, String json, Duration timeout) {
        return send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                Optional.of(token));
    }

    private Optional<HttpResponse<String>> get(String path, Optional<String> token) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)), token);
    }

    private Optional<HttpResponse<String>> send(HttpRequest.Builder builder, Optional<String> token) {
        try {
            token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
            HttpRequest request = builder.build();
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
