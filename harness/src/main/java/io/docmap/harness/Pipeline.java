package io.docmap.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The three services of one pipeline, each in its own JVM, wired to one database and one set of topics. */
public final class Pipeline implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** Where the pipeline's services find their infrastructure, and where their logs go. */
    public record Settings(
            Path root,
            Path logDir,
            DatabaseSettings database,
            String kafkaBootstrap,
            String pagesTopic,
            String dlqTopic,
            String workerGroup,
            Map<String, String> extraEnv) {}

    /** A MySQL-compatible database the services connect to. */
    public record DatabaseSettings(String host, int port, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:mariadb://" + host + ":" + port + "/" + name;
        }
    }

    private final Settings settings;
    private final int mapperPort = ServiceProcess.freePort();
    private ServiceProcess mapper;
    private ServiceProcess worker;
    private ServiceProcess dispatcher;

    public Pipeline(Settings settings) {
        this.settings = settings;
    }

    /** Starts all three services at once and returns when every one is ready. */
    public Pipeline start() {
        mapper = service("mapper-service", mapperPort).launch(settings.root());
        worker = service("worker-service", ServiceProcess.freePort()).launch(settings.root());
        dispatcher = service("dispatcher-service", ServiceProcess.freePort()).launch(settings.root());
        mapper.awaitReady(STARTUP);
        worker.awaitReady(STARTUP);
        dispatcher.awaitReady(STARTUP);
        return this;
    }

    public ServiceProcess mapper() {
        return mapper;
    }

    /** SIGKILLs the dispatcher and starts a new one on the same state. */
    public void killAndRestartDispatcher() {
        dispatcher.kill();
        dispatcher = service("dispatcher-service", ServiceProcess.freePort()).start(settings.root(), STARTUP);
    }

    private ServiceProcess service(String module, int port) {
        DatabaseSettings db = settings.database();
        Map<String, String> env = new HashMap<>(Map.of(
                "DOCMAP_DB_HOST", db.host(),
                "DOCMAP_DB_PORT", Integer.toString(db.port()),
                "DOCMAP_DB_NAME", db.name(),
                "DOCMAP_DB_USER", db.user(),
                "DOCMAP_DB_PASSWORD", db.password(),
                "DOCMAP_KAFKA_BOOTSTRAP", settings.kafkaBootstrap(),
                "DOCMAP_PAGES_TOPIC", settings.pagesTopic(),
                "DOCMAP_DLQ_TOPIC", settings.dlqTopic(),
                "DOCMAP_WORKER_GROUP", settings.workerGroup(),
                "DOCMAP_MAPPER_URL", "http://127.0.0.1:" + mapperPort));
        env.putAll(settings.extraEnv());
        return new ServiceProcess(module, port, env, settings.logDir());
    }

    /** Stops the services in flow order, each with SIGTERM and its grace period. */
    @Override
    public void close() {
        for (ServiceProcess service : new ServiceProcess[] {dispatcher, worker, mapper}) {
            if (service != null) {
                service.stop(GRACE);
            }
        }
    }
}
