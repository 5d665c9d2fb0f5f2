package io.docmap.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The harness's view of the pipeline's database, over plain JDBC: loading documents and checking outcomes. */
public final class PipelineDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    private final String url;
    private final String user;
    private final String password;

    public PipelineDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Inserts documents whose mid is not there yet; returns how many were new. */
    public int insertMissing(List<CorpusDocument> documents) throws SQLException {
        int inserted = 0;
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT IGNORE INTO source_data (mid, content, created) VALUES (?, ?, DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s'))")) {
            for (int from = 0; from < documents.size(); from += BATCH) {
                for (CorpusDocument doc : documents.subList(from, Math.min(documents.size(), from + BATCH))) {
                    insert.setString(1, doc.mid());
                    insert.setString(2, doc.content());
                    insert.addBatch();
                }
                for (int count : insert.executeBatch()) {
                    inserted += Math.max(count, 0);
                }
            }
        }
        return inserted;
    }

    public Outcomes outcomes() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            return new Outcomes(
                    single(s, "SELECT COUNT(*) FROM source_data"),
                    single(s, "SELECT COUNT(*) FROM doc_ent_map"),
                    single(s, "SELECT COUNT(*) FROM doc_failure"),
                    single(
                            s,
                            "SELECT COUNT(*) FROM source_data s WHERE NOT EXISTS (SELECT 1 FROM doc_ent_map m WHERE m.doc_id = s.mid)"
                                    + " AND NOT EXISTS (SELECT 1 FROM doc_failure f WHERE f.doc_id = s.mid)"),
                    single(s, "SELECT COUNT(*) FROM doc_ent_map m JOIN doc_failure f ON f.doc_id = m.doc_id"),
                    single(s, "SELECT COUNT(*) - COUNT(DISTINCT doc_id) FROM doc_ent_map"));
        }
    }

    /** Documents whose stored canonical names lack one they were built with; empty when the mapper got them all. */
    public List<String> missingCanonicalNames(List<CorpusDocument> documents) throws SQLException {
        Map<String, List<String>> stored = new HashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT doc_id, mapped_list_str FROM doc_ent_map")) {
            while (rs.next()) {
                stored.put(rs.getString(1), parse(rs.getString(2)));
            }
        }
        List<String> wrong = new ArrayList<>();
        for (CorpusDocument doc : documents) {
            List<String> names = stored.get(doc.mid());
            if (names == null || !names.containsAll(doc.expectedCanonical())) {
                wrong.add(
                        doc.mid() + " expected " + doc.expectedCanonical() + " in " + names + " for: " + doc.content());
            }
        }
        return wrong;
    }

    private static List<String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("mapped_list_str is not a JSON array of strings: " + json, e);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
