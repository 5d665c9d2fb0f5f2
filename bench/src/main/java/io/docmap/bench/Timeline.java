package io.docmap.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Arrays;

import io.docmap.harness.ScratchDatabase;

/**
 * When each document was dispatched and when it was stored, read from the pipeline's own tables after a run:
 * {@code dispatch_page.recorded_at} of the page that carried it, and {@code doc_ent_map.create_time} (or a failure's
 * time), both written in UTC by the services. Throughput per tenth and latency percentiles follow from them.
 */
final class Timeline {

    private final long startMicros;
    private final long[] settledMicros;
    private final long[] latencyMicros;

    private Timeline(long startMicros, long[] settledMicros, long[] latencyMicros) {
        this.startMicros = startMicros;
        this.settledMicros = settledMicros;
        this.latencyMicros = latencyMicros;
    }

    static Timeline read(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            long start = micros(single(s, "SELECT MIN(recorded_at) FROM dispatch_page"));
            long[] settled = column(
                    s,
                    "SELECT create_time FROM doc_ent_map UNION ALL SELECT last_failed_at FROM doc_failure",
                    rs -> micros(rs.getTimestamp(1)));
            long[] latency = column(
                    s,
                    // From the runs: MariaDB reads each run's rows as one range, where a correlated lookup of the
                    // run that holds a row read every run before it.
                    "SELECT TIMESTAMPDIFF(MICROSECOND, p.recorded_at, m.create_time) FROM dispatch_run r"
                            + " JOIN dispatch_page p ON p.page_id = r.page_id"
                            + " JOIN source_data d ON d.id BETWEEN r.first_id AND r.last_id"
                            + " JOIN doc_ent_map m ON m.doc_id = d.mid",
                    rs -> rs.getLong(1));
            Arrays.sort(settled);
            Arrays.sort(latency);
            return new Timeline(start, settled, latency);
        }
    }

    long documents() {
        return settledMicros.length;
    }

    /** From the first page recorded to the last outcome stored. */
    double seconds() {
        return (settledMicros[settledMicros.length - 1] - startMicros) / 1e6;
    }

    double docsPerSecond() {
        return documents() / seconds();
    }

    /** docs/s over each tenth of the documents, in the order they were stored. */
    double[] docsPerSecondByTenth() {
        double[] rates = new double[10];
        long previous = startMicros;
        int previousIndex = 0;
        for (int tenth = 1; tenth <= 10; tenth++) {
            int index = (int) Math.ceil(settledMicros.length * tenth / 10.0);
            long at = settledMicros[index - 1];
            rates[tenth - 1] = (index - previousIndex) / Math.max((at - previous) / 1e6, 1e-3);
            previous = at;
            previousIndex = index;
        }
        return rates;
    }

    /** Dispatch-to-stored latency of stored documents at a percentile (0 to 100), in milliseconds. */
    double latencyMillis(double percentile) {
        int index = (int) Math.ceil(latencyMicros.length * percentile / 100.0) - 1;
        return latencyMicros[Math.max(index, 0)] / 1000.0;
    }

    private interface Column {
        long value(ResultSet rs) throws SQLException;
    }

    private static long[] column(Statement s, String sql, Column column) throws SQLException {
        long[] values = new long[1024];
        int size = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = column.value(rs);
            }
        }
        if (size == 0) {
            throw new IllegalStateException("no rows for: " + sql);
        }
        return Arrays.copyOf(values, size);
    }

    private static Timestamp single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static long micros(Timestamp t) {
        return t.getTime() * 1000 + (t.getNanos() / 1000) % 1000;
    }
}
