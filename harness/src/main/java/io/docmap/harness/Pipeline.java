package io.docmap.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The services of one pipeline, each in its own JVM, wired to one database and one set of topics. */
public final class Pipeline implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration GRACE = Duration.ofSeconds(30);

    /**
     * Where the pipeline's services find their infrastructure, and where their logs go.
     *
     * @param mapperUrl a mapper to use instead of starting mapper-service
     * @param workers how many worker processes to run
     * @param properties configuration given to every service
     * @param jvmOptions the options of each service's JVM
     * @param ports the services' HTTP ports
     */
    public record Settings(
            Path root,
            Path logDir,
            DatabaseSettings database,
            String kafkaBootstrap,
            String pagesTopic,
            String dlqTopic,
            String workerGroup,
            Optional<String> mapperUrl,
            int workers,
            Map<String, String> properties,
            JvmOptions jvmOptions,
            ServicePorts ports) {}

    /**
     * Every service's JVM exits on an OutOfMemoryError, as the images make it: a service that ran out of memory is in
     * an unknown state, and a restart by the platform (or the harness) is the one safe way on.
     */
    public static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    /**
     * JVM options for the tests' short runs: quick start-up (C1 only) and a heap with room for the tests' larger pages.
     * What users run, the launcher and the benchmark, takes each service's own options ({@link JvmOptions}).
     */
    public static final JvmOptions QUICK_START_JVM =
            JvmOptions.everyService(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", EXIT_ON_OOM));

    /** A MySQL-compatible database the services connect to. */
    public record DatabaseSettings(String host, int port, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:mariadb://" + host + ":" + port + "/" + name;
        }

        /** The settings {@code docmap infra start} wrote to {@code <DOCMAP_HOME>/db.env}. */
        public static DatabaseSettings fromInfra(Path docmapHome) throws IOException {
            Properties env = new Properties();
            try (var in = Files.newInputStream(docmapHome.resolve("db.env"))) {
                env.load(in);
            }
            return new DatabaseSettings(
                    env.getProperty("DOCMAP_DB_HOST"),
                    Integer.parseInt(env.getProperty("DOCMAP_DB_PORT")),
                    env.getProperty("DOCMAP_DB_NAME"),
                    env.getProperty("DOCMAP_DB_USER"),
                    env.getProperty("DOCMAP_DB_PASSWORD"));
        }
    }

    private final Settings settings;
    /** Stops the services when this JVM exits before {@link #close}: a Ctrl-C must not leave them running. */
    private final Thread stopOnExit = new Thread(this::close, "stop the pipeline's services");

    private final String apiToken;
    private final int mapperPort;
    private ServiceProcess mapper;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private ServiceProcess dispatcher;

    public Pipeline(Settings settings) {
        this.settings = settings;
        this.mapperPort = settings.ports().ofMapper();
        this.apiToken = Optional.ofNullable(settings.properties().get("docmap.control.token"))
                .or(() -> Optional.ofNullable(settings.properties().get("DOCMAP_CONTROL_TOKEN")))
                .orElseGet(() -> "pipeline-" + UUID.randomUUID());
    }

    /** The dispatcher's control token, which reads too: from the properties, or one made for this pipeline. */
    public String apiToken() {
        return apiToken;
    }

    /** Starts every service at once and returns when every one is ready. */
    public Pipeline start() {
        settings.ports().requireFree(settings.workers(), settings.mapperUrl().isEmpty());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        createTopics();
        if (settings.mapperUrl().isEmpty()) {
            mapper = service("mapper-service", "mapper-service", mapperPort).launch(settings.root());
        }
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(worker(i).launch(settings.root()));
        }
        dispatcher = service(
                        "dispatcher-service",
                        "dispatcher-service",
                        settings.ports().ofDispatcher())
                .launch(settings.root());
        all().forEach(service -> service.awaitReady(STARTUP));
        return this;
    }

    /**
     * Creates the topics with the broker's defaults, as the first send would. Workers that start first otherwise warn
     * of an unknown topic until the dispatcher's first page.
     */
    private void createTopics() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        try (Admin client = Admin.create(admin)) {
            for (String topic : List.of(settings.pagesTopic(), settings.dlqTopic())) {
                try {
                    client.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating the topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.kafkaBootstrap() + " did not create the topics", e);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** The reference mapper, when this pipeline runs it. */
    public ServiceProcess mapper() {
        return mapper;
    }

    public ServiceProcess dispatcher() {
        return dispatcher;
    }

    public List<ServiceProcess> workers() {
        return List.copyOf(workers);
    }

    /** Every running service. */
    public List<ServiceProcess> all() {
        return Stream.concat(Stream.of(mapper, dispatcher), workers.stream())
                .filter(s -> s != null)
                .toList();
    }

    /** The services that use the database: the dispatcher and the workers. */
    public Stream<ServiceProcess> usingDatabase() {
        return Stream.concat(Stream.of(dispatcher), workers.stream());
    }

    /**
     * Starts another dispatcher on the same database and topics, without waiting for it: one in standby is not ready.
     * The caller stops it.
     */
    public ServiceProcess launchSecondDispatcher() {
        return service("dispatcher-service", "dispatcher-service-second", ServiceProcess.freePort())
                .launch(settings.root());
    }

    /** SIGKILLs the dispatcher and starts a new one on the same state. */
    public void killAndRestartDispatcher() {
        dispatcher.kill();
        dispatcher = service(
                        "dispatcher-service",
                        "dispatcher-service",
                        settings.ports().ofDispatcher())
                .start(settings.root(), STARTUP);
    }

    /**
     * Stops the reference mapper with SIGTERM and starts a new one on the same port, as a rollout of a new mapper does:
     * with a changed gazetteer, it reports a new version. Workers retry their calls meanwhile.
     */
    public void restartMapper() {
        mapper.stop(GRACE);
        mapper = service("mapper-service", "mapper-service", mapperPort).start(settings.root(), STARTUP);
    }

    /** SIGKILLs a worker and starts a new one in its place. */
    public void killAndRestartWorker(int index) {
        workers.get(index).kill();
        startWorker(index);
    }

    /** Stops a worker with SIGTERM, starts a new one in its place, and says whether it exited within the grace. */
    public boolean stopAndRestartWorker(int index) {
        boolean graceful = workers.get(index).stop(GRACE);
        startWorker(index);
        return graceful;
    }

    private void startWorker(int index) {
        workers.set(index, worker(index).start(settings.root(), STARTUP));
    }

    private ServiceProcess worker(int index) {
        return service(
                "worker-service", "worker-service-" + index, settings.ports().ofWorker(index));
    }

    /**
     * Scales the workers as an autoscaler would: new ones start and join the group; surplus ones, the newest first,
     * get SIGTERM. Says whether every stopped worker exited within its grace period.
     */
    public boolean scaleWorkersTo(int count) {
        List<ServiceProcess> started = new ArrayList<>();
        while (workers.size() < count) {
            ServiceProcess worker = worker(workers.size()).launch(settings.root());
            workers.add(worker);
            started.add(worker);
        }
        started.forEach(worker -> worker.awaitReady(STARTUP));
        boolean graceful = true;
        while (workers.size() > count) {
            graceful &= workers.remove(workers.size() - 1).stop(GRACE);
        }
        return graceful;
    }

    private ServiceProcess service(String module, String name, int port) {
        DatabaseSettings db = settings.database();
        Map<String, String> env = Map.of(
                "DOCMAP_DB_HOST", db.host(),
                "DOCMAP_DB_PORT", Integer.toString(db.port()),
                "DOCMAP_DB_NAME", db.name(),
                "DOCMAP_DB_USER", db.user(),
                "DOCMAP_DB_PASSWORD", db.password(),
                "DOCMAP_KAFKA_BOOTSTRAP", settings.kafkaBootstrap(),
                "DOCMAP_PAGES_TOPIC", settings.pagesTopic(),
                "DOCMAP_DLQ_TOPIC", settings.dlqTopic(),
                "DOCMAP_WORKER_GROUP", settings.workerGroup(),
                "DOCMAP_MAPPER_URL", settings.mapperUrl().orElse("http://127.0.0.1:" + mapperPort));
        // As the JVM images set it: glibc's per-thread malloc arenas otherwise grow the RSS beyond the heap.
        env = new HashMap<>(env);
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("DOCMAP_CONTROL_TOKEN", apiToken);
        return new ServiceProcess(
                module,
                name,
                port,
                env,
                settings.properties(),
                settings.jvmOptions().of(settings.root(), module),
                settings.logDir());
    }

    /** Leaves the services running when this JVM exits, for {@code ./docmap up}: they are stopped another way. */
    public void detach() {
        forgetStopOnExit();
    }

    private void forgetStopOnExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // This is the hook running, or the JVM exiting anyway: the services are being stopped.
        }
    }

    /** Stops the services in flow order, each with SIGTERM and its grace period. */
    @Override
    public void close() {
        forgetStopOnExit();
        Stream.concat(Stream.concat(Stream.of(dispatcher), workers.stream()), Stream.of(mapper))
                .filter(s -> s != null)
                .forEach(service -> service.stop(GRACE));
    }
}
