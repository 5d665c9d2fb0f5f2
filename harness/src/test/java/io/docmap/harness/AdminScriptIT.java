package io.docmap.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.docmap.testing.LegacySchema;
import io.docmap.testing.LocalInfra;
import io.docmap.testing.SourceRows;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./docmap migrate} as a user types it: {@code --help} and an option migrate does not take are answered by the
 * script, before anything is built; every option migrate takes reaches the admin tool, so that {@code --dry-run}
 * changes nothing; and only a plain migrate changes the database.
 */
class AdminScriptIT {

    @Test
    void everyOptionReachesTheAdminToolAndOnlyAPlainMigrateChangesTheDatabase() throws Exception {
        try (TestDatabase database = TestDatabase.create();
                Connection c = database.connect()) {
            LegacySchema.create(c);
            c.createStatement()
                    .execute("INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str)"
                            + " VALUES ('a', 'x', 'x'), ('a', 'y', 'y')");

            Run help = docmap(database, "migrate", "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.output()).contains("usage: ./docmap migrate", "--dry-run");

            Run dryRun = docmap(database, "migrate", "--lock-wait-timeout=5", "--dry-run");
            assertThat(dryRun.exit()).isZero();
            assertThat(dryRun.output())
                    .contains("3 changes, none made", "move 1 older results of 1 duplicated doc_ids");

            Run unknown = docmap(database, "migrate", "--dryrun");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.output()).contains("migrate does not take the option --dryrun");

            assertThat(results(c)).as("after --help, --dry-run and --dryrun").isEqualTo(2);
            assertThat(docmap(database, "migrate").exit()).isZero();
            assertThat(results(c)).as("after migrate").isEqualTo(1);
        }
    }

    private static long results(Connection c) throws SQLException {
        return SourceRows.count(c, "SELECT COUNT(*) FROM doc_ent_map");
    }

    private record Run(int exit, String output) {}

    private static Run docmap(TestDatabase database, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(LocalInfra.root().resolve("docmap").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(LocalInfra.root().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(database.docmapEnv());
        env.put("DOCMAP_SKIP_BUILD", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("./docmap %s ends", args[0])
                .isTrue();
        return new Run(process.exitValue(), output);
    }
}
