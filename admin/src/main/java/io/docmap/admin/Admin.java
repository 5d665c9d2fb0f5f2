package io.docmap.admin;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import io.docmap.admin.export.Export;
import io.docmap.common.config.DatabaseSettings;

/**
 * {@code ./docmap check} and {@code ./docmap migrate}, against the database that {@code DOCMAP_DB_*} name, with the
 * services' own connection settings ({@link DatabaseSettings}). Exit codes: 0 when docmap can run safely, 1
 * when it cannot, 2 when the command could not run.
 */
public final class Admin {

    private static final Logger LOG = Logger.getLogger("docmap.admin");

    /** Duplicated doc_ids per migration transaction. */
    private static final int BATCH = 1000;

    private Admin() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    public static int run(String[] args, Map<String, String> env) {
        AdminCommand command;
        try {
            command = AdminCommand.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage() + "\n" + AdminCommand.USAGE);
            return 2;
        }
        if (command == AdminCommand.HELP) {
            LOG.info(AdminCommand.USAGE);
            return 0;
        }
        DatabaseSettings database;
        try {
            database = DatabaseSettings.from(env::get);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage());
            return 2;
        }
        String target = database.toString();
        try (Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            if (command.name().equals("export")) {
                long written = new Export(connection, command.export()).run(System.out);
                LOG.info(String.format("exported %,d results from %s", written, target));
                return 0;
            }
            if (command.name().equals("migrate")) {
                Migration migration = new Migration(connection, BATCH, command.lockWaitSeconds());
                if (command.dryRun()) {
                    return plan(target, migration.plan());
                }
                long started = System.nanoTime();
                long removed = migration.run();
                LOG.info(String.format(
                        "migrated in %.1f s: %,d duplicated results moved to %s",
                        (System.nanoTime() - started) / 1e9, removed, DuplicateResults.BACKUP));
            }
            return report(target, new SchemaCheck(connection).run());
        } catch (SQLException | IOException | IllegalArgumentException e) {
            LOG.severe(command.name() + " of " + target + " failed: " + e.getMessage());
            return 2;
        }
    }

    private static int plan(String target, List<String> changes) {
        LOG.info("dry run of migrate on " + target + ": "
                + (changes.isEmpty() ? "nothing to change" : changes.size() + " changes, none made"));
        changes.forEach(change -> LOG.info("  - " + change));
        return 0;
    }

    private static int report(String target, List<Finding> findings) {
        LOG.info("check of " + target + ": " + findings.size() + " findings");
        for (Finding finding : findings) {
            LOG.info(String.format("%-8s %s%n         %s", finding.severity(), finding.what(), finding.cost()));
        }
        if (SchemaCheck.blocking(findings)) {
            LOG.severe("docmap cannot run safely on this database: fix the BLOCKING findings (./docmap migrate fixes"
                    + " the keys and the duplicates)");
            return 1;
        }
        LOG.info("docmap can run on this database");
        return 0;
    }
}
