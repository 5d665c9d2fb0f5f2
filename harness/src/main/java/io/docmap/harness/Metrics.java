package io.docmap.harness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One read of a service's Prometheus endpoint, and sums of its samples. */
public final class Metrics {

    private final List<String> lines;

    private Metrics(List<String> lines) {
        this.lines = lines;
    }

    /** Reads the service's metrics once; several sums can then be taken from the same moment. */
    public static Metrics read(ServiceProcess service) {
        String body = service.get("/q/metrics")
                .filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("no metrics from " + service.url()))
                .body();
        return new Metrics(body.lines().toList());
    }

    /** The sum of a metric's samples over all its tags, or 0 when the service does not expose it yet. */
    public static double sum(ServiceProcess service, String name) {
        return read(service).sum(name);
    }

    public double sum(String name) {
        return sum(name, "");
    }

    /** The sum of a metric's samples whose labels contain {@code label}, such as {@code area="heap"}. */
    public double sum(String name, String label) {
        return samples(name).stream()
                .filter(line -> line.contains(label))
                .mapToDouble(Metrics::value)
                .sum();
    }

    /** The type of each metric whose name starts with {@code prefix}, from the {@code # TYPE} lines. */
    public Map<String, String> types(String prefix) {
        Map<String, String> types = new TreeMap<>();
        lines.stream()
                .filter(line -> line.startsWith("# TYPE " + prefix))
                .map(line -> line.split(" "))
                .forEach(fields -> types.put(fields[2], fields[3]));
        return types;
    }

    /** The lines of a metric's samples, its name followed by labels or a space. */
    public List<String> samples(String name) {
        return lines.stream()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .toList();
    }

    /** The sample's value: the field after the name and labels, before an exemplar ({@code # {trace_id=…} …}). */
    private static double value(String line) {
        String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
