package io.docmap.harness;

/** Reads one value from a service's Prometheus endpoint. */
public final class Metrics {

    private Metrics() {}

    /** The sum of a metric's samples over all its tags, or 0 when the service does not expose it yet. */
    public static double sum(ServiceProcess service, String name) {
        return sum(service, name, "");
    }

    /** The sum of a metric's samples whose labels contain {@code label}, such as {@code area="heap"}. */
    public static double sum(ServiceProcess service, String name, String label) {
        String body = service.get("/q/metrics")
                .filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("no metrics from " + service.url()))
                .body();
        return body.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> line.contains(label))
                .mapToDouble(Metrics::value)
                .sum();
    }

    /** The sample's value: the field after the name and labels, before an exemplar ({@code # {trace_id=…} …}). */
    private static double value(String line) {
        String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
