package io.docmap.admin.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code ./docmap export}: streams the stored results, in the order of their ids (a keyset scan, never OFFSET), a
 * batch at a time, so that memory stays the same whatever the table holds. To a file it resumes where it stopped
 * ({@link ExportPosition}), and then also takes the results stored since; to stdout it starts over each time.
 */
public final class Export {

    private static final Logger LOG = Logger.getLogger("docmap.admin");

    private final Connection connection;
    private final ExportOptions options;
    private final ResultLines lines;
    private String versionColumn;

    public Export(Connection connection, ExportOptions options) {
        this.connection = connection;
        this.options = options;
        this.lines = new ResultLines(options.format());
    }

    /** Exports to the file of the options, or to {@code stdout}; returns how many results it wrote. */
    public long run(OutputStream stdout) throws SQLException, IOException {
        if (options.output().isEmpty()) {
            stdout.write(lines.header());
            return copy(new ExportPosition(options.selection(), 0, 0), batch -> {
                stdout.write(batch);
                stdout.flush();
                return 0;
            });
        }
        Path output = options.output().get();
        ExportPosition start = ExportPosition.read(output, options.selection());
        try (FileChannel file = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // What was written after the last saved position is a batch cut short: it is written again.
            file.truncate(start.bytes());
            file.position(start.bytes());
            if (start.bytes() == 0) {
                write(file, lines.header());
            }
            return copy(start, batch -> {
                write(file, batch);
                file.force(false);
                return file.position();
            });
        }
    }

    /** Where a batch's bytes go; returns the output's length after them. */
    @FunctionalInterface
    private interface Sink {
        long accept(byte[] batch) throws IOException;
    }

    private long copy(ExportPosition start, Sink sink) throws SQLException, IOException {
        ExportProgress progress = new ExportProgress(remaining(start.lastId()));
        ExportPosition position = start;
        long written = 0;
        for (List<ResultRow> rows = batch(position.lastId()); !rows.isEmpty(); rows = batch(position.lastId())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (ResultRow row : rows) {
                lines.write(row, bytes);
            }
            long length = sink.accept(bytes.toByteArray());
            position = position.after(rows.get(rows.size() - 1).id(), length);
            if (options.output().isPresent()) {
                position.save(options.output().get());
            }
            written += rows.size();
            progress.advance(rows.size());
        }
        progress.done();
        return written;
    }

    /** The next rows after {@code lastId} that the options select. */
    private List<ResultRow> batch(long lastId) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT id, doc_id, ent_list_str, mapped_list_str, create_time, "
                        + versionColumn() + " FROM doc_ent_map WHERE id > ?" + filters() + " ORDER BY id LIMIT ?")) {
            int next = bind(query, lastId);
            query.setInt(next, options.batch());
            List<ResultRow> rows = new ArrayList<>(options.batch());
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Timestamp stored = result.getTimestamp(5);
                    rows.add(new ResultRow(
                            result.getLong(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            stored == null ? null : stored.toLocalDateTime().toString(),
                            result.getString(6)));
                }
            }
            return rows;
        }
    }

    private long remaining(long lastId) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT COUNT(*) FROM doc_ent_map WHERE id > ?" + filters())) {
            bind(query, lastId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private String filters() throws SQLException {
        String where = options.since().isPresent() ? " AND create_time >= ?" : "";
        if (options.mapperVersion().isPresent()) {
            where += options.mapperVersion().get().equals("unknown")
                    ? " AND " + versionColumn() + " IS NULL"
                    : " AND " + versionColumn() + " = ?";
        }
        return where;
    }

    /** Binds the last id and the filters' values; returns the next parameter's index. */
    private int bind(PreparedStatement query, long lastId) throws SQLException {
        int index = 1;
        query.setLong(index++, lastId);
        if (options.since().isPresent()) {
            query.setTimestamp(index++, Timestamp.valueOf(options.since().get()));
        }
        if (options.mapperVersion().isPresent()
                && !options.mapperVersion().get().equals("unknown")) {
            query.setString(index++, options.mapperVersion().get());
        }
        return index;
    }

    /** mapper_version, or NULL on a database docmap has not migrated to schema 10 yet (all unknown there). */
    private String versionColumn() throws SQLException {
        if (versionColumn == null) {
            versionColumn = hasVersionColumn() ? "mapper_version" : "NULL";
        }
        return versionColumn;
    }

    private boolean hasVersionColumn() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                                + " AND TABLE_NAME = 'doc_ent_map' AND COLUMN_NAME = 'mapper_version'");
                ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1) > 0;
        }
    }

    private static void write(FileChannel file, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
    }

    /** The export's progress on stderr: a bar, counts, rate and time left, at most once a second, and at the end. */
    private static final class ExportProgress {

        private final long total;
        private final long started = System.nanoTime();
        private long done;
        private long lastReport = started;

        ExportProgress(long total) {
            this.total = total;
        }

        void advance(long rows) {
            done += rows;
            long now = System.nanoTime();
            if (now - lastReport >= 1_000_000_000L) {
                lastReport = now;
                report();
            }
        }

        void done() {
            report();
        }

        private void report() {
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
            double rate = done / seconds;
            int width = 30;
            int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
            LOG.info(String.format(
                    "[%s%s] %,d / %,d results  %,.0f rows/s  ETA %,.0f s",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    done,
                    Math.max(total, done),
                    rate,
                    rate > 0 ? Math.max(0, total - done) / rate : 0));
        }
    }
}
