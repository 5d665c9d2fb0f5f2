package io.docmap.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.docmap.testing.LocalInfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A re-map after the mapper changed, on the whole pipeline with the reference mapper: 5,000 documents mapped, the
 * gazetteer changed (its most found name removed, one added), and {@code ./docmap remap --mapper-version} of the first
 * version while 2,000 new rows arrive. Every document keeps exactly one outcome at every poll, the new rows are stored
 * before the re-map ends, every re-mapped result comes from the new mapper and shows the change, and so does the
 * entities view: the removed name lost by as many documents as named it, the added one gained by as many as name it.
 */
class RemapIT {

    private static final int DOCUMENTS = 5000;
    private static final int NEW_ROWS = 2000;
    private static final Duration DRAIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A topic the corpus writes in its Chinese posts, which no gazetteer name is. */
    private static final String ADDED = "人工智能";

    @Test
    void aRemapByVersionReplacesEveryOldResultWhileNewRowsComeFirst(@TempDir Path gazetteer) throws Exception {
        Path bundled = LocalInfra.root().resolve("mapper-service/src/main/resources/gazetteer");
        for (String table : List.of("gazetteer.tsv", "aliases.tsv")) {
            Files.copy(bundled.resolve(table), gazetteer.resolve(table));
        }
        try (SystemRun run = SystemRun.named("remap")
                .properties(Map.of("DOCMAP_MAPPER_GAZETTEER_DIR", gazetteer.toString()))
                .start()) {
            PipelineDatabase db = run.db();
            Corpus corpus = new Corpus(new GazetteerNames(), 23L);
            db.insertMissing(corpus.next("remap", 0, DOCUMENTS));
            await().atMost(DRAIN)
                    .until(() -> db.outcomes().drained() && db.outcomes().source() == DOCUMENTS);
            String first = single(db, "SELECT MIN(mapper_version) FROM doc_ent_map");
            assertThat(count(db, "SELECT COUNT(DISTINCT mapper_version) FROM doc_ent_map"))
                    .as("mapper versions of the first pass")
                    .isOne();
            Map.Entry<String, Integer> mostFound = mostFoundName(db);
            String removed = mostFound.getKey();
            assertThat(count(db, "SELECT COUNT(*) FROM doc_ent_map WHERE " + names(ADDED)))
                    .as("results naming %s before it is added", ADDED)
                    .isZero();

            change(gazetteer, removed);
            run.pipeline().restartMapper();
            db.insertMissing(corpus.next("fresh", 0, NEW_ROWS));
            LocalInfra.Outcome started = LocalInfra.outcome(
                    Map.of(
                            "DOCMAP_DISPATCHER_URL", run.pipeline().dispatcher().url(),
                            "DOCMAP_CONTROL_TOKEN", run.pipeline().apiToken()),
                    LocalInfra.root().resolve("docmap").toString(),
                    "remap",
                    "--mapper-version",
                    first);
            assertThat(started.exitCode())
                    .as("./docmap remap: %s", started.output())
                    .isZero();
            assertThat(JSON.readTree(started.output().substring(started.output().indexOf('{')))
                            .get("selected")
                            .asLong())
                    .isEqualTo(DOCUMENTS);

            await().atMost(DRAIN).until(() -> {
                assertOneOutcomeEach(db);
                return "DONE".equals(remap(run).get("state").asText());
            });
            LocalDateTime ended = LocalDateTime.parse(remap(run).get("endedAt").asText());
            await().atMost(DRAIN).until(() -> db.outcomes().invariantHolds());

            assertThat(count(
                            db,
                            "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'remap-%' AND mapper_version = '"
                                    + first + "'"))
                    .as("results still of the first mapper")
                    .isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM doc_ent_map WHERE " + names(removed)))
                    .as("results naming the removed %s", removed)
                    .isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'remap-%' AND " + names(ADDED)))
                    .as("re-mapped results naming the added %s", ADDED)
                    .isPositive();
            LocalDateTime lastNew = LocalDateTime.parse(
                    single(db, "SELECT MAX(create_time) FROM doc_ent_map WHERE doc_id LIKE 'fresh-%'")
                            .replace(' ', 'T'));
            assertThat(lastNew)
                    .as("the last new row's result, against the re-map's end")
                    .isBeforeOrEqualTo(ended);
            // The entities view, kept as results were stored and replaced, shows what the new gazetteer changed.
            long addedByRemap =
                    count(db, "SELECT COUNT(*) FROM doc_ent_map WHERE doc_id LIKE 'remap-%' AND " + names(ADDED));
            long addedInAll = count(db, "SELECT COUNT(*) FROM doc_ent_map WHERE " + names(ADDED));
            String second = single(db, "SELECT MAX(mapper_version) FROM doc_ent_map WHERE doc_id LIKE 'remap-%'");
            await().atMost(DRAIN).untilAsserted(() -> {
                JsonNode entities = api(run, "/api/entities?limit=500");
                assertThat(entities.get("top").findValuesAsText("name")).doesNotContain(removed);
                assertThat(documentsOf(entities.get("top"), ADDED)).isEqualTo(addedInAll);
                JsonNode change = entities.get("changes").get(0);
                assertThat(entities.get("changes")).hasSize(1);
                assertThat(change.get("fromVersion").asText()).isEqualTo(first);
                assertThat(change.get("toVersion").asText()).isEqualTo(second);
                assertThat(documentsOf(change.get("gained"), ADDED)).isEqualTo(addedByRemap);
                assertThat(documentsOf(change.get("lost"), removed))
                        .isEqualTo(mostFound.getValue().longValue());
            });
            JsonNode done = remap(run);
            System.out.printf(
                    "re-map of %s: %s documents from %s to %s; %s removed, %s added (%d results name it)%n",
                    first,
                    done.get("done"),
                    done.get("requestedAt").asText(),
                    done.get("endedAt").asText(),
                    removed,
                    ADDED,
                    count(db, "SELECT COUNT(*) FROM doc_ent_map WHERE " + names(ADDED)));
        }
    }

    /** The first pass's documents each have one outcome, and no document has two, while the re-map replaces them. */
    private static void assertOneOutcomeEach(PipelineDatabase db) throws SQLException {
        Outcomes outcomes = db.outcomes();
        assertThat(outcomes.both()).as("documents with a result and a failure").isZero();
        assertThat(outcomes.duplicates()).as("results beyond one per document").isZero();
        assertThat(count(
                        db,
                        "SELECT COUNT(*) FROM source_data s WHERE s.mid LIKE 'remap-%'"
                                + " AND NOT EXISTS (SELECT 1 FROM doc_ent_map m WHERE m.doc_id = s.mid)"
                                + " AND NOT EXISTS (SELECT 1 FROM doc_failure f WHERE f.doc_id = s.mid)"))
                .as("first-pass documents without an outcome")
                .isZero();
    }

    /** The canonical name in the most results of the first pass, with their count. */
    private static Map.Entry<String, Integer> mostFoundName(PipelineDatabase db) throws Exception {
        Map<String, Integer> documents = new HashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT mapped_list_str FROM doc_ent_map")) {
            while (rows.next()) {
                Set<String> named = new HashSet<>();
                JSON.readTree(rows.getString(1)).forEach(name -> named.add(name.asText()));
                named.forEach(name -> documents.merge(name, 1, Integer::sum));
            }
        }
        return documents.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    }

    /** The gazetteer without {@code removed} and its aliases, and with {@link #ADDED}. */
    private static void change(Path gazetteer, String removed) throws Exception {
        Path names = gazetteer.resolve("gazetteer.tsv");
        Path aliases = gazetteer.resolve("aliases.tsv");
        List<String> keptNames = Files.readAllLines(names, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith(removed + "\t"))
                .toList();
        List<String> keptAliases = Files.readAllLines(aliases, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.endsWith("\t" + removed))
                .toList();
        Files.write(names, concat(keptNames, ADDED + "\tcompany"), StandardCharsets.UTF_8);
        Files.write(aliases, keptAliases, StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> lines, String line) {
        List<String> all = new ArrayList<>(lines);
        all.add(line);
        return all;
    }

    private static String names(String name) {
        String quoted = "'" + name.replace("'", "''") + "'";
        return "(JSON_CONTAINS(ent_list_str, JSON_QUOTE(" + quoted + ")) OR JSON_CONTAINS(mapped_list_str, JSON_QUOTE("
                + quoted + ")))";
    }

    private static JsonNode remap(SystemRun run) throws Exception {
        return api(run, "/api/remap");
    }

    private static JsonNode api(SystemRun run, String path) throws Exception {
        return JSON.readTree(run.pipeline()
                .dispatcher()
                .get(path, run.pipeline().apiToken())
                .filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("no answer from the dispatcher at " + path))
                .body());
    }

    /** The documents of {@code name} in a list of names and documents; -1 when it is not there. */
    private static long documentsOf(JsonNode names, String name) {
        for (JsonNode each : names) {
            if (each.get("name").asText().equals(name)) {
                return each.get("documents").asLong();
            }
        }
        return -1;
    }

    private static long count(PipelineDatabase db, String sql) throws SQLException {
        return Long.parseLong(single(db, sql));
    }

    private static String single(PipelineDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
