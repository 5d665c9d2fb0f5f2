package io.docmap.harness;

/** Reads one value from a service's Prometheus endpoint. */
public final class Metrics {

    private Metrics() {}

    /** The sum of a metric's samples over all its tags, or 0 when the service does not expose it yet. */
    public static double sum(ServiceProcess service, String name) {
        String body = service.get("/q/metrics")
                .filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("no metrics from " + service.url()))
                .body();
        return body.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
