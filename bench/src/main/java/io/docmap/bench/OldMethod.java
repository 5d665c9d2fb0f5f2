package io.docmap.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.common.mapper.MapperRequest;
import io.docmap.harness.ScratchDatabase;

/**
 * The method docmap replaces, on the same documents and the same mapper: a script that pages {@code source_data}
 * with OFFSET, sends each document in its own HTTP call, and stores each result in its own transaction, one
 * document at a time. The OFFSET paging is on purpose: it is what the hand-made scripts did, the baseline the
 * benchmark compares the pipeline's keyset scan with, and nothing in docmap pages that way. It writes to a copy of
 * {@code doc_ent_map}, so that the pipeline's own rows stay as they were.
 */
final class OldMethod {

    private static final int PAGE = 100;
    private static final String TABLE = "old_method_doc_ent_map";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Maps the first {@code documents} documents; the result counts only the documents it stored. */
    InProcessLimit.Result run(ScratchDatabase db, String mapperUrl, int documents)
            throws SQLException, IOException, InterruptedException {
        URI endpoint = URI.create(mapperUrl + MapperPaths.ENT_MAPPING);
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " LIKE doc_ent_map");
        }
        long start = System.nanoTime();
        long stored = 0;
        try (Connection c = db.connect();
                PreparedStatement page =
                        c.prepareStatement("SELECT mid, content FROM source_data ORDER BY id LIMIT ? OFFSET ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                        + " (doc_id, ent_list_str, mapped_list_str, create_time) VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            for (int offset = 0; offset < documents; offset += PAGE) {
                page.setInt(1, Math.min(PAGE, documents - offset));
                page.setInt(2, offset);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        JsonNode answer = map(endpoint, rs.getString(1), rs.getString(2));
                        insert.setString(1, rs.getString(1));
                        insert.setString(2, answer.path("ent_list").toString());
                        insert.setString(3, answer.path("maaped_ent").toString());
                        insert.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
                        stored += insert.executeUpdate();
                    }
                }
            }
        }
        return new InProcessLimit.Result(stored, (System.nanoTime() - start) / 1e9);
    }

    private JsonNode map(URI endpoint, String mid, String content) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(new MapperRequest(List.of(new MapperDocument(mid, content))));
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("mapper answered " + response.statusCode() + " for " + mid);
        }
        return json.readTree(response.body()).path(0);
    }
}
