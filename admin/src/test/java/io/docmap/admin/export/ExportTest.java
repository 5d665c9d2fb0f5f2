package io.docmap.admin.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.docmap.admin.Admin;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ./docmap export on docmap's schema: every result once, in id order, to stdout or a file it resumes. */
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RESULTS = 20_000;

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void results() throws SQLException {
        db = TestDatabase.create().migrate();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO doc_ent_map"
                    + " (doc_id, ent_list_str, mapped_list_str, create_time, mapper_version) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < RESULTS; i++) {
                    insert.setString(1, "doc-" + i);
                    insert.setString(2, "[\"上海\",\"Apple, Inc.\"]");
                    insert.setString(3, "[\"Shanghai\",\"say \\\"hi\\\"\"]");
                    insert.setString(4, i < RESULTS / 2 ? "2026-11-01 10:00:00" : "2026-12-01 10:00:00");
                    insert.setString(5, i % 2 == 0 ? "reference-1" : null);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    @AfterEach
    void drop() {
        db.drop();
    }

    @Test
    void jsonLinesHoldEachResultOnceInIdOrderWithItsListsAndVersion() throws IOException {
        Path out = dir.resolve("results.jsonl");

        assertThat(export("--output", out.toString(), "--batch", "3000")).isZero();

        List<JsonNode> lines = read(out);
        assertThat(lines).hasSize(RESULTS);
        assertThat(lines).extracting(line -> line.get("doc_id").asText()).doesNotHaveDuplicates();
        JsonNode first = lines.get(0);
        assertThat(first.get("doc_id").asText()).isEqualTo("doc-0");
        assertThat(first.get("entities")).extracting(JsonNode::asText).containsExactly("上海", "Apple, Inc.");
        assertThat(first.get("canonical_names")).extracting(JsonNode::asText).containsExactly("Shanghai", "say \"hi\"");
        assertThat(first.get("mapper_version").asText()).isEqualTo("reference-1");
        assertThat(lines.get(1).get("mapper_version").isNull()).isTrue();
    }

    @Test
    void csvQuotesWhatNeedsItAndKeepsTheListsAsJson() throws IOException {
        Path out = dir.resolve("results.csv");

        assertThat(export("--format", "csv", "--output", out.toString())).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(RESULTS + 1);
        assertThat(lines.get(0)).isEqualTo("doc_id,entities,canonical_names,stored_at,mapper_version");
        assertThat(lines.get(1))
                .isEqualTo(
                        "doc-0,\"[\"\"上海\"\",\"\"Apple, Inc.\"\"]\",\"[\"\"Shanghai\"\",\"\"say \\\"\"hi\\\"\"\"\"]\","
                                + "2026-11-01T10:00,reference-1");
    }

    @Test
    void aVersionOrATimeSelectsTheirResultsOnly() throws IOException {
        Path v1 = dir.resolve("v1.jsonl");
        Path unknown = dir.resolve("unknown.jsonl");
        Path since = dir.resolve("since.jsonl");

        assertThat(export("--mapper-version", "reference-1", "--output", v1.toString()))
                .isZero();
        assertThat(export("--mapper-version", "unknown", "--output", unknown.toString()))
                .isZero();
        assertThat(export("--since", "2026-12-01", "--output", since.toString()))
                .isZero();

        assertThat(read(v1)).hasSize(RESULTS / 2);
        assertThat(read(unknown)).hasSize(RESULTS / 2);
        assertThat(read(since)).hasSize(RESULTS / 2);
    }

    @Test
    void anExportKilledAndResumedWritesEveryLineOnceThenTakesNewResults() throws Exception {
        Path out = dir.resolve("resumed.jsonl");
        Process killed = exportProcess("--output", out.toString(), "--batch", "50");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> Files.exists(ExportPosition.of(out)));
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long before = Files.readAllLines(out).size();
        assertThat(before).as("killed midway").isLessThan(RESULTS);
        // A batch cut short by the kill: bytes written after the last saved position.
        Files.writeString(out, "{\"doc_id\":\"doc-", StandardOpenOption.APPEND);

        assertThat(export("--output", out.toString(), "--batch", "50")).isZero();

        List<JsonNode> lines = read(out);
        assertThat(lines).hasSize(RESULTS);
        assertThat(lines).extracting(line -> line.get("doc_id").asText()).doesNotHaveDuplicates();

        try (Connection c = db.connect()) {
            c.createStatement()
                    .executeUpdate("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str)"
                            + " VALUES ('later', '[]', '[]')");
        }
        assertThat(export("--output", out.toString(), "--batch", "50")).isZero();
        assertThat(read(out)).hasSize(RESULTS + 1).last().satisfies(line -> assertThat(
                        line.get("doc_id").asText())
                .isEqualTo("later"));
    }

    @Test
    void listsStoredTheOldPipelinesWayAreReadAsItsCommaJoinedText() throws IOException {
        assertThat(ResultLines.list("北京,上海")).containsExactly("北京", "上海");
        assertThat(ResultLines.list("[\"Apple, Inc.\"]")).containsExactly("Apple, Inc.");
        assertThat(ResultLines.list("")).isEmpty();
    }

    @Test
    void whatItCannotResumeIsRefusedAndLeftAlone() throws IOException {
        Path foreign = Files.writeString(dir.resolve("mine.jsonl"), "not an export\n");
        Path out = dir.resolve("results.jsonl");

        assertThat(export("--output", foreign.toString())).isEqualTo(2);
        assertThat(Files.readString(foreign)).isEqualTo("not an export\n");
        assertThat(export("--output", out.toString(), "--mapper-version", "reference-1"))
                .isZero();
        assertThat(export("--output", out.toString()))
                .as("other options than the file's")
                .isEqualTo(2);
        assertThat(export("--format", "xml")).isEqualTo(2);
        assertThat(export("--since", "yesterday")).isEqualTo(2);
        assertThat(export("--output")).isEqualTo(2);
    }

    private int export(String... options) {
        List<String> args = new ArrayList<>(List.of("export"));
        args.addAll(List.of(options));
        return Admin.run(args.toArray(String[]::new), db.docmapEnv());
    }

    private Process exportProcess(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Admin.class.getName(),
                "export"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("export.log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(db.docmapEnv());
        return builder.start();
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
