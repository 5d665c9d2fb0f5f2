package io.docmap.harness.scaling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.docmap.harness.Pipeline;
import io.docmap.harness.PipelineDatabase;

/**
 * KEDA and the HPA scaling a running pipeline's workers on its real broker: every polling interval, KEDA's Kafka
 * metric from the committed offsets, the HPA's decision on it, and the workers started or SIGTERMed to match. It
 * ends when every document has an outcome and the workers are back at the minimum.
 */
public final class AutoscaleRun {

    /**
     * One poll of the timeline.
     *
     * @param lag the group's summed lag, in pages
     * @param metric KEDA's metric: the lag, capped at partitions × lagThreshold
     * @param replicas the workers running after this poll's decision
     * @param settled documents with an outcome so far
     * @param docsPerSecond outcomes per second over the last 10 s
     * @param steady whether that window, 5 s at least, ran with {@code replicasBefore} workers throughout
     */
    public record Sample(
            double seconds,
            long lag,
            long metric,
            int replicasBefore,
            int replicas,
            long settled,
            double docsPerSecond,
            boolean steady) {

        static final String CSV_HEADER = "seconds,lag_pages,keda_metric,replicas_before,replicas,settled,docs_per_s";

        String csv() {
            return String.format(
                    "%.1f,%d,%d,%d,%d,%d,%.0f", seconds, lag, metric, replicasBefore, replicas, settled, docsPerSecond);
        }
    }

    /** The timeline, and whether every scaled-down worker left within its grace period. */
    public record Result(List<Sample> timeline, boolean gracefulStops) {

        public int peakReplicas() {
            return timeline.stream().mapToInt(Sample::replicas).max().orElse(0);
        }

        /** The best docs/s over a 10 s window that ran with this many workers throughout, while work was left. */
        public double docsPerSecondWith(int replicas, long documents) {
            return timeline.stream()
                    .filter(s -> s.steady() && s.replicasBefore() == replicas && s.settled() < documents)
                    .mapToDouble(Sample::docsPerSecond)
                    .max()
                    .orElse(Double.NaN);
        }
    }

    /** The window docs/s is measured over. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private AutoscaleRun() {}

    public static Result run(
            Pipeline pipeline,
            PipelineDatabase db,
            ScalingSpec spec,
            long documents,
            Duration timeout,
            Consumer<Sample> onSample)
            throws Exception {
        Pipeline.Settings settings = pipeline.settings();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        Hpa hpa = new Hpa(spec);
        List<Sample> timeline = new ArrayList<>();
        boolean graceful = true;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            // Outcomes are stored a page (500) at a time: the rate is taken over a window of several pages.
            Deque<long[]> recent = new ArrayDeque<>();
            long lastChange = start;
            while (true) {
                long pollAt = System.nanoTime();
                KafkaLagMetric lag = KafkaLagMetric.read(admin, settings.pagesTopic(), settings.workerGroup(), spec);
                long settled = settled(db);
                recent.addLast(new long[] {pollAt, settled});
                while (recent.size() > 2 && pollAt - recent.peekFirst()[0] > RATE_WINDOW.toNanos()) {
                    recent.removeFirst();
                }
                long[] first = recent.peekFirst();
                double rate = pollAt == first[0] ? 0 : (settled - first[1]) / ((pollAt - first[0]) / 1e9);
                int before = pipeline.workers().size();
                int decided = hpa.decide(lag.metric(), before, TimeUnit.NANOSECONDS.toMillis(pollAt - start));
                boolean steady = first[0] >= lastChange && pollAt - first[0] >= RATE_WINDOW.toNanos() / 2;
                Sample sample = new Sample(
                        (pollAt - start) / 1e9, lag.lag(), lag.metric(), before, decided, settled, rate, steady);
                timeline.add(sample);
                onSample.accept(sample);
                if (decided != before) {
                    graceful &= pipeline.scaleWorkersTo(decided);
                    lastChange = System.nanoTime();
                }
                if (settled >= documents && decided == Math.max(1, spec.minReplicas())) {
                    return new Result(timeline, graceful);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "not drained and scaled back to the minimum within " + timeout + "; last poll: " + sample);
                }
                // The polling interval, from the start of this poll: a scale-up that waited for readiness used it up.
                long next = pollAt + spec.pollingInterval().toNanos() - System.nanoTime();
                if (next > 0) {
                    TimeUnit.NANOSECONDS.sleep(next);
                }
            }
        }
    }

    /** Documents with an outcome: a count cheap enough to take at every poll. */
    private static long settled(PipelineDatabase db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT (SELECT COUNT(*) FROM doc_ent_map) + (SELECT COUNT(*) FROM doc_failure)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
