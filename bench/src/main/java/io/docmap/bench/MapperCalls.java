package io.docmap.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.docmap.harness.Metrics;
import io.docmap.harness.ServiceProcess;

/**
 * The workers' mapper calls over a run, from their {@code docmap_mapper_call_duration_seconds} histograms: count,
 * mean, and percentiles to the histogram's bucket bounds.
 */
record MapperCalls(long calls, double meanMillis, double p50Millis, double p99Millis) {

    private static final String NAME = "docmap_mapper_call_duration_seconds";
    private static final Pattern BUCKET = Pattern.compile("le=\"([^\"]+)\"\\S*\\s+(\\S+)");

    static MapperCalls of(List<ServiceProcess> workers) {
        long calls = 0;
        double seconds = 0;
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (ServiceProcess worker : workers) {
            Metrics metrics = Metrics.read(worker);
            calls += (long) metrics.sum(NAME + "_count");
            seconds += metrics.sum(NAME + "_sum");
            buckets(metrics).forEach((bound, count) -> cumulative.merge(bound, count, Double::sum));
        }
        return new MapperCalls(
                calls,
                calls == 0 ? 0 : seconds * 1000 / calls,
                percentile(cumulative, calls, 0.50),
                percentile(cumulative, calls, 0.99));
    }

    private static Map<Double, Double> buckets(Metrics metrics) {
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics.samples(NAME + "_bucket")) {
            Matcher m = BUCKET.matcher(line);
            if (m.find() && !m.group(1).equals("+Inf")) {
                buckets.merge(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    /** The smallest bucket bound below which at least {@code share} of the calls fall, in milliseconds. */
    private static double percentile(TreeMap<Double, Double> cumulative, long calls, double share) {
        return cumulative.entrySet().stream()
                .filter(bucket -> bucket.getValue() >= share * calls)
                .findFirst()
                .map(bucket -> bucket.getKey() * 1000)
                .orElse(Double.NaN);
    }
}
