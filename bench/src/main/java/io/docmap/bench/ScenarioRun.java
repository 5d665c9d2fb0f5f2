package io.docmap.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.docmap.common.kafka.PageMessage;
import io.docmap.harness.FixedLatencyMapper;
import io.docmap.harness.JvmOptions;
import io.docmap.harness.Metrics;
import io.docmap.harness.Outcomes;
import io.docmap.harness.Pipeline;
import io.docmap.harness.Pipeline.DatabaseSettings;
import io.docmap.harness.ScratchDatabase;
import io.docmap.harness.ServicePorts;
import io.docmap.harness.ServiceProcess;

/**
 * Runs one scenario: a new database with the scenario's documents, the in-process limit if asked, then the pipeline
 * from an empty {@code doc_ent_map} until every document has an outcome, sampling memory each second.
 */
final class ScenarioRun {

    private static final Logger LOG = Logger.getLogger("docmap.bench");
    private static final long SEED = 20261128L;
    private static final String DATABASE = "docmap_bench";
    private static final int LOAD_CHUNK = 5_000;
    /** The dispatcher's page size, given to it explicitly so that the in-process limit reads the same pages. */
    private static final int PAGE_SIZE = PageMessage.DEFAULT_SIZE;

    private static final Duration SAMPLE = Duration.ofSeconds(1);

    private final Path root;
    private final Path logDir;
    private final DatabaseSettings infra;
    private final String kafkaBootstrap;
    private final Options options;

    /**
     * What applies to every scenario of a run.
     *
     * @param overrides configuration given to every service, over the scenario's own
     * @param jvmOptions the options of each service's JVM
     * @param oldMethodDocuments documents the old method maps in scenario a (0: it does not run)
     */
    record Options(Map<String, String> overrides, JvmOptions jvmOptions, int oldMethodDocuments) {}

    ScenarioRun(Path root, Path logDir, DatabaseSettings infra, String kafkaBootstrap, Options options) {
        this.root = root;
        this.logDir = logDir;
        this.infra = infra;
        this.kafkaBootstrap = kafkaBootstrap;
        this.options = options;
    }

    ScenarioResult run(Scenario scenario) throws Exception {
        LOG.info("scenario " + scenario.name() + ": " + scenario.description() + ", "
                + String.format("%,d", scenario.documents()) + " documents");
        ScratchDatabase db = new ScratchDatabase(infra, DATABASE);
        db.recreate();
        double loadSeconds = load(db, scenario.documents());

        double limitBefore = scenario.measureLimit() ? limit(db, "before") : Double.NaN;

        // Dispatch starts once every worker holds partitions, so that the run measures the pipeline, not the
        // consumer group's first join.
        db.setDispatchPaused(true);
        Map<String, Long> countersBefore;
        Map<String, Long> countersAfter;
        Peaks peaks = new Peaks();
        List<ServiceFigures> processes = new ArrayList<>();
        MapperCalls calls;
        double oldMethod;
        double remap;
        Timeline timeline;
        long pages;
        try (FixedLatencyMapper standIn = scenario.mapperDelayMillis().isPresent()
                        ? new FixedLatencyMapper(scenario.mapperDelayMillis().getAsLong())
                        : null;
                Pipeline pipeline = new Pipeline(settings(scenario, db, standIn)).start()) {
            Map<String, Long> pids = pids(pipeline, standIn != null);
            awaitPartitionsAssigned(pipeline);
            Map<String, ProcessStats> start = stats(pids);
            countersBefore = DatabaseWork.counters(db);
            db.setDispatchPaused(false);
            awaitDrained(scenario, db, pipeline, peaks);
            countersAfter = DatabaseWork.counters(db);
            Map<String, ProcessStats> end = stats(pids);
            pids.keySet().forEach(name -> processes.add(ServiceFigures.between(name, start.get(name), end.get(name))));
            calls = MapperCalls.of(pipeline.workers());
            // Before the re-map, which stores every result again, at a later time.
            timeline = Timeline.read(db);
            pages = db.count("dispatch_page");
            remap = scenario.measureLimit()
                    ? RemapRun.docsPerSecond(pipeline, Duration.ofMinutes(10).plusSeconds(scenario.documents() / 50))
                    : Double.NaN;
            oldMethod = scenario.measureLimit() && options.oldMethodDocuments() > 0
                    ? runOldMethod(db, pipeline, Math.min(options.oldMethodDocuments(), scenario.documents()))
                    : Double.NaN;
        }
        Outcomes outcomes = db.pipelineDatabase().outcomes();
        DatabaseWork database =
                DatabaseWork.between(countersBefore, countersAfter, timeline.documents(), pages, timeline.seconds());
        // Again on the same documents once the pipeline's figures are read: the spread says how noisy the run was.
        double limitAfter = scenario.measureLimit() ? limit(db, "after") : Double.NaN;
        double limit = (limitBefore + limitAfter) / 2;
        double[] tenths = timeline.docsPerSecondByTenth();
        double rate = timeline.docsPerSecond();
        return new ScenarioResult(
                scenario.name(),
                scenario.description(),
                timeline.documents(),
                scenario.workers(),
                loadSeconds,
                timeline.seconds(),
                rate,
                tenths,
                tenths[9] / tenths[0],
                timeline.latencyMillis(50),
                timeline.latencyMillis(95),
                timeline.latencyMillis(99),
                calls,
                database,
                processes,
                CpuBudget.of(processes, timeline.documents(), timeline.seconds()),
                peaks.heapMb,
                peaks.liveHeapMb,
                peaks.workerRssMb,
                limitBefore,
                limitAfter,
                rate / limit,
                oldMethod,
                rate / oldMethod,
                remap,
                remap / rate,
                scenario.littleBound(),
                rate / scenario.littleBound(),
                outcomes.invariantHolds() && outcomes.source() == scenario.documents());
    }

    /** The in-process limit on the scenario's documents, leaving {@code doc_ent_map} empty. */
    private static double limit(ScratchDatabase db, String when) throws Exception {
        db.clearResults();
        InProcessLimit.Result result = new InProcessLimit().run(db, PAGE_SIZE);
        LOG.info(String.format(
                "in-process limit, %s the pipeline: %,.0f docs/s (%.1f s)",
                when, result.docsPerSecond(), result.seconds()));
        db.clearResults();
        return result.docsPerSecond();
    }

    /** The old method on the pipeline's own mapper, after the pipeline's run, so that it gets a warmed-up mapper. */
    private static double runOldMethod(ScratchDatabase db, Pipeline pipeline, int documents) throws Exception {
        InProcessLimit.Result result = new OldMethod().run(db, pipeline.mapper().url(), documents);
        LOG.info(String.format(
                "old method (OFFSET pages, one call and one commit per document): %,d documents, %,.0f docs/s",
                result.documents(), result.docsPerSecond()));
        return result.docsPerSecond();
    }

    private double load(ScratchDatabase db, int documents) throws SQLException {
        long start = System.nanoTime();
        BenchCorpus corpus = new BenchCorpus(SEED);
        var loader = db.pipelineDatabase();
        for (int first = 0; first < documents; first += LOAD_CHUNK) {
            loader.insertMissing(corpus.next(first, Math.min(LOAD_CHUNK, documents - first)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(String.format("loaded %,d documents in %.1f s", documents, seconds));
        return seconds;
    }

    private Pipeline.Settings settings(Scenario scenario, ScratchDatabase db, FixedLatencyMapper standIn) {
        String run = scenario.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> properties = new LinkedHashMap<>(scenario.properties());
        properties.put("docmap.dispatch.page-size", Integer.toString(PAGE_SIZE));
        properties.putAll(options.overrides());
        return new Pipeline.Settings(
                root,
                logDir.resolve(run),
                db.settings(),
                kafkaBootstrap,
                "bench.pages." + run,
                "bench.pages.dlq." + run,
                "bench-worker-" + run,
                Optional.ofNullable(standIn).map(FixedLatencyMapper::url),
                scenario.workers(),
                properties,
                options.jvmOptions(),
                ServicePorts.ANY_FREE);
    }

    /** Waits until every document has an outcome, sampling the workers' memory meanwhile. */
    private static void awaitDrained(Scenario scenario, ScratchDatabase db, Pipeline pipeline, Peaks peaks)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime()
                + Duration.ofMinutes(10).plusSeconds(scenario.documents() / 50).toNanos();
        long lastLog = 0;
        while (true) {
            long settled = 0;
            for (ServiceProcess worker : pipeline.workers()) {
                Metrics metrics = Metrics.read(worker);
                settled += (long)
                        (metrics.sum("docmap_documents_stored_total") + metrics.sum("docmap_documents_failed_total"));
                peaks.sample(worker, metrics);
            }
            // Counters may count a redelivered document twice; the database has the last word.
            if (settled >= scenario.documents()
                    && db.pipelineDatabase().outcomes().drained()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "not drained in time: " + db.pipelineDatabase().outcomes());
            }
            if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                LOG.info(String.format("%,d / %,d documents", settled, scenario.documents()));
                lastLog = System.nanoTime();
            }
            Thread.sleep(SAMPLE.toMillis());
        }
    }

    /**
     * Waits until the group has formed: every worker holds partitions, and together they hold all of the topic's.
     * Workers join one after another, and each join is a rebalance; dispatching before the last one made d's first
     * tenth measure the group forming (its workers took their partitions over 10 s).
     */
    private void awaitPartitionsAssigned(Pipeline pipeline) throws InterruptedException, ExecutionException {
        String topic = pipeline.settings().pagesTopic();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int partitions = -1;
        while (true) {
            List<Double> held = pipeline.workers().stream()
                    .map(worker -> Metrics.sum(worker, "kafka_consumer_coordinator_assigned_partitions"))
                    .toList();
            if (held.stream().allMatch(count -> count >= 1)) {
                // The topic exists once a worker holds one of its partitions.
                partitions = partitions < 0 ? partitionCount(topic) : partitions;
                if (held.stream().mapToDouble(Double::doubleValue).sum() >= partitions) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the workers held " + held + " of " + topic + "'s partitions after 2 minutes");
            }
            Thread.sleep(SAMPLE.toMillis());
        }
    }

    private int partitionCount(String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    private static Map<String, Long> pids(Pipeline pipeline, boolean standIn) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (pipeline.mapper() != null) {
            pids.put("mapper-service", pipeline.mapper().pid());
        }
        pids.put("dispatcher-service", pipeline.dispatcher().pid());
        List<ServiceProcess> workers = pipeline.workers();
        for (int i = 0; i < workers.size(); i++) {
            pids.put("worker-service-" + i, workers.get(i).pid());
        }
        if (standIn) {
            pids.put("benchmark JVM (stand-in mapper)", ProcessHandle.current().pid());
        }
        pids.putAll(InfraProcesses.find());
        return pids;
    }

    private static Map<String, ProcessStats> stats(Map<String, Long> pids) {
        Map<String, ProcessStats> stats = new LinkedHashMap<>();
        pids.forEach((name, pid) -> stats.put(name, ProcessStats.of(pid)));
        return stats;
    }

    /** The highest heap in use, live heap after a major collection, and resident memory seen in any worker. */
    private static final class Peaks {
        double heapMb;
        double liveHeapMb;
        double workerRssMb;

        void sample(ServiceProcess worker, Metrics metrics) {
            heapMb = Math.max(heapMb, metrics.sum("jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0);
            liveHeapMb = Math.max(liveHeapMb, metrics.sum("jvm_gc_live_data_size_bytes") / 1048576.0);
            workerRssMb = Math.max(workerRssMb, ProcessStats.of(worker.pid()).rssBytes() / 1048576.0);
        }
    }
}
