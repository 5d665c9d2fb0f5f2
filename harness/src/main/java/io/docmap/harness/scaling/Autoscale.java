package io.docmap.harness.scaling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.docmap.harness.Corpus;
import io.docmap.harness.FixedLatencyMapper;
import io.docmap.harness.GazetteerNames;
import io.docmap.harness.JvmOptions;
import io.docmap.harness.Outcomes;
import io.docmap.harness.Pipeline;
import io.docmap.harness.PipelineDatabase;
import io.docmap.harness.ScratchDatabase;
import io.docmap.harness.ServicePorts;

/**
 * {@code ./docmap autoscale}: the prod overlay's ScaledObject, applied by KEDA's Kafka scaler and the HPA's algorithm
 * ({@link AutoscaleRun}) to real worker processes on the local broker, over a backlog of documents and a stand-in
 * mapper of fixed capacity. Intervals are divided by a time factor; the algorithm is the documented one.
 *
 * <pre>
 *   ./docmap autoscale [--docs 100000] [--time-factor 10]
 * </pre>
 *
 * Prints the timeline, writes it to {@code target/autoscale/timeline.csv} and {@code timeline.png}, and fails unless
 * the workers scaled up from the minimum, settled where they add throughput and no higher than the mapper serves,
 * came back to the minimum, and no document reached the mapper twice.
 */
public final class Autoscale {

    private static final Logger LOG = Logger.getLogger("docmap.autoscale");

    /** The stand-in mapper: 50 ms a call, 24 calls at once, so 480 docs/s at batch size 1, whoever calls it. */
    public static final long MAPPER_LATENCY_MILLIS = 50;

    public static final int MAPPER_CAPACITY = 24;

    /** Calls a worker keeps in flight: 160 docs/s each against the stand-in, so the mapper serves 3 workers. */
    public static final int WORKER_CONCURRENCY = 8;

    /**
     * The most one worker can map against the stand-in, by Little's law: calls in flight ÷ latency. Scale-up comes
     * before one worker's rate can be measured, so a peak is held against this bound.
     */
    public static final double ONE_WORKER_BOUND = WORKER_CONCURRENCY * 1000.0 / MAPPER_LATENCY_MILLIS;

    /** What a run showed; {@link #problems} lists what it failed to show. */
    public record Proof(
            ScalingSpec spec,
            AutoscaleRun.Result run,
            Outcomes outcomes,
            long documents,
            long calledTwice,
            long called) {

        public int workersTheMapperServes() {
            return MAPPER_CAPACITY / WORKER_CONCURRENCY;
        }

        public List<String> problems() {
            int peak = run.peakReplicas();
            double atPeak = run.docsPerSecondWith(peak, documents);
            List<String> problems = new ArrayList<>();
            if (peak <= Math.max(1, spec.minReplicas())) {
                problems.add("never scaled up from " + spec.minReplicas());
            }
            if (peak > workersTheMapperServes()) {
                problems.add(peak + " workers, more than the " + workersTheMapperServes() + " the mapper serves");
            }
            if (!(atPeak > 1.5 * ONE_WORKER_BOUND)) {
                problems.add(String.format(
                        "%.0f docs/s with %d workers adds too little to the %.0f one worker can reach at most",
                        atPeak, peak, ONE_WORKER_BOUND));
            }
            if (!outcomes.invariantHolds()) {
                problems.add("the invariant broke: " + outcomes);
            }
            if (calledTwice > 0) {
                problems.add(calledTwice + " documents went to the mapper twice");
            }
            if (!run.gracefulStops()) {
                problems.add("a scaled-down worker did not leave within its grace period");
            }
            return problems;
        }

        public String summary() {
            int peak = run.peakReplicas();
            return String.format(
                    "autoscale: %,d documents; peak %d workers (the mapper serves %d); %.0f docs/s with %d (one worker"
                            + " reaches %.0f at most, the mapper %.0f); back to %d after %.0f s; %,d documents mapped,"
                            + " %d twice; invariant %s",
                    documents,
                    peak,
                    workersTheMapperServes(),
                    run.docsPerSecondWith(peak, documents),
                    peak,
                    ONE_WORKER_BOUND,
                    MAPPER_CAPACITY * 1000.0 / MAPPER_LATENCY_MILLIS,
                    run.timeline().get(run.timeline().size() - 1).replicas(),
                    run.timeline().get(run.timeline().size() - 1).seconds(),
                    called,
                    calledTwice,
                    outcomes.invariantHolds() ? "holds" : "BROKEN");
        }
    }

    private Autoscale() {}

    /** The ScaledObject and the dispatcher's settings (its page cap), as the prod overlay renders them. */
    public record Rendered(ScalingSpec spec, Map<String, String> config) {

        public static Rendered prod(Path root) throws Exception {
            List<JsonNode> objects = Manifests.render(root, "prod");
            JsonNode config =
                    Manifests.find(objects, "ConfigMap", "docmap-config").path("data");
            Map<String, String> properties = new LinkedHashMap<>();
            config.fieldNames().forEachRemaining(key -> {
                // Topics, group and addresses are the run's own.
                if (key.startsWith("DOCMAP_DISPATCH_")) {
                    properties.put(key, config.path(key).asText());
                }
            });
            return new Rendered(ScalingSpec.read(Manifests.find(objects, "ScaledObject", "docmap-worker")), properties);
        }
    }

    /** The configuration of every service: the rendered ConfigMap's dispatch and worker settings, and the calls. */
    public static Map<String, String> properties(Rendered rendered) {
        Map<String, String> properties = new LinkedHashMap<>(rendered.config());
        properties.put("docmap.worker.batch-size", "1");
        properties.put("docmap.worker.concurrency", Integer.toString(WORKER_CONCURRENCY));
        return properties;
    }

    /** Loads the backlog, starts the pipeline at the minimum, and lets the autoscaler run it dry and back down. */
    public static Proof prove(
            Pipeline.Settings settings,
            PipelineDatabase db,
            FixedLatencyMapper mapper,
            ScalingSpec spec,
            int documents,
            Duration timeout,
            Path out)
            throws Exception {
        try (Pipeline pipeline = new Pipeline(settings).start()) {
            // Loaded once the dispatcher has migrated the database; the autoscaler starts from the minimum anyway.
            db.insertMissing(new Corpus(new GazetteerNames(), 11L).next("auto", 0, documents));
            AutoscaleRun.Result run = AutoscaleRun.run(
                    pipeline,
                    db,
                    spec,
                    documents,
                    timeout,
                    sample -> LOG.info(String.format(
                            "t=%6.1f s  lag %4d pages  metric %4d  replicas %2d -> %2d  %,7d done  %,5.0f docs/s",
                            sample.seconds(),
                            sample.lag(),
                            sample.metric(),
                            sample.replicasBefore(),
                            sample.replicas(),
                            sample.settled(),
                            sample.docsPerSecond())));
            TimelineFiles.write(
                    out,
                    run.timeline(),
                    String.format(
                            "docmap workers under KEDA: %,d documents, mapper of %d calls at %d ms, intervals compressed",
                            documents, MAPPER_CAPACITY, MAPPER_LATENCY_MILLIS));
            return new Proof(
                    spec,
                    run,
                    db.outcomes(),
                    documents,
                    mapper.documentsCalledMoreThanOnce(),
                    mapper.documentsCalled());
        }
    }

    public static void main(String[] args) throws Exception {
        int documents = 100_000;
        double timeFactor = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--docs" -> documents = Integer.parseInt(args[i + 1]);
                case "--time-factor" -> timeFactor = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException(
                        "usage: docmap autoscale [--docs N] [--time-factor F]; got " + String.join(" ", args));
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: docmap autoscale [--docs N] [--time-factor F]");
        }
        Path root = Path.of(System.getenv().getOrDefault("DOCMAP_ROOT", ".")).toAbsolutePath();
        Path home = Path.of(System.getenv()
                .getOrDefault("DOCMAP_HOME", root.resolve(".docmap").toString()));
        Rendered rendered = Rendered.prod(root);
        ScalingSpec spec = rendered.spec().compressed(timeFactor);
        LOG.info("ScaledObject (prod overlay): " + rendered.spec() + "; intervals divided by " + timeFactor
                + "; dispatch and worker settings: " + rendered.config());
        ScratchDatabase database = new ScratchDatabase(Pipeline.DatabaseSettings.fromInfra(home), "docmap_autoscale");
        database.recreate();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path out = root.resolve("target/autoscale");
        try (FixedLatencyMapper mapper = new FixedLatencyMapper(MAPPER_LATENCY_MILLIS, MAPPER_CAPACITY)) {
            Pipeline.Settings settings = new Pipeline.Settings(
                    root,
                    out.resolve("logs-" + run),
                    database.settings(),
                    Files.readString(home.resolve("kafka/bootstrap")).trim(),
                    "autoscale.pages." + run,
                    "autoscale.pages.dlq." + run,
                    "autoscale-worker-" + run,
                    Optional.of(mapper.url()),
                    Math.max(1, spec.minReplicas()),
                    properties(rendered),
                    JvmOptions.SERVICES_OWN,
                    ServicePorts.ANY_FREE);
            Proof proof =
                    prove(settings, database.pipelineDatabase(), mapper, spec, documents, Duration.ofMinutes(30), out);
            LOG.info(proof.summary() + "; timeline in " + out.resolve("timeline.csv") + " and timeline.png");
            if (!proof.problems().isEmpty()) {
                throw new IllegalStateException("autoscaling not proven: " + proof.problems());
            }
        }
    }
}
