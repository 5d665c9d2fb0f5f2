package io.docmap.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.docmap.common.mapper.MapperResult;
import io.docmap.common.persistence.ResultUpsert;
import io.docmap.harness.ScratchDatabase;
import io.docmap.mapper.EntityMapper;
import io.docmap.mapper.gazetteer.Gazetteer;
import io.docmap.mapper.gazetteer.GazetteerLoader;

/**
 * The limit the pipeline is measured against: one JVM does the same work with no distribution. It reads
 * {@code source_data} by keyset pages, runs the reference mapper's matching in process on every core, and stores each
 * page in one transaction with the worker's multi-row upsert. No Kafka, no HTTP, no JSON between services.
 */
final class InProcessLimit {

    private record Row(String mid, String content) {}

    /** Documents and seconds of one run. */
    record Result(long documents, double seconds) {
        double docsPerSecond() {
            return documents / seconds;
        }
    }

    private final Gazetteer gazetteer = GazetteerLoader.bundled();
    /** Stored with each result, as the worker stores the reference mapper's version. */
    private final String version = "reference-" + gazetteer.digest();

    private final ObjectMapper json = new ObjectMapper();

    Result run(ScratchDatabase db, int pageSize) throws SQLException {
        long start = System.nanoTime();
        long documents = 0;
        try (Connection c = db.connect();
                PreparedStatement page = c.prepareStatement(
                        "SELECT id, mid, content FROM source_data WHERE id > ? ORDER BY id LIMIT ?")) {
            c.setAutoCommit(false);
            long after = 0;
            while (true) {
                page.setLong(1, after);
                page.setInt(2, pageSize);
                List<Row> rows = new ArrayList<>(pageSize);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        rows.add(new Row(rs.getString(2), rs.getString(3)));
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                List<MapperResult> results = rows.parallelStream()
                        .map(row -> EntityMapper.mapWith(gazetteer, row.mid(), row.content()))
                        .toList();
                store(c, results);
                c.commit();
                documents += rows.size();
            }
        }
        return new Result(documents, (System.nanoTime() - start) / 1e9);
    }

    private void store(Connection c, List<MapperResult> results) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        for (int from = 0; from < results.size(); from += ResultUpsert.ROWS_PER_STATEMENT) {
            List<MapperResult> chunk =
                    results.subList(from, Math.min(results.size(), from + ResultUpsert.ROWS_PER_STATEMENT));
            try (PreparedStatement upsert = c.prepareStatement(ResultUpsert.sql(chunk.size()))) {
                int position = 1;
                for (MapperResult result : chunk) {
                    upsert.setString(position++, result.docId());
                    upsert.setString(position++, toJson(result.entList()));
                    upsert.setString(position++, toJson(result.mappedEnt()));
                    upsert.setTimestamp(position++, now);
                    upsert.setString(position++, version);
                }
                upsert.executeUpdate();
            }
        }
    }

    private String toJson(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }
}
