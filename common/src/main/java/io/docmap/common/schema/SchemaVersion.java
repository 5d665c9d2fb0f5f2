package io.docmap.common.schema;

/**
 * The schema version this build of docmap runs on: the highest of its Flyway migrations ({@code db/migration}). The
 * dispatcher applies the migrations at start; a worker waits until the database has this version and never migrates,
 * so that workers scaling up at once neither contend for Flyway's lock nor pay for Flyway at start.
 */
public final class SchemaVersion {

    /** The version of the newest migration; {@code SchemaVersionTest} keeps it equal to the files. */
    public static final int REQUIRED = 12;

    /**
     * The highest version Flyway applied successfully; the baseline of an adopted database is version 0. MariaDB and
     * MySQL both read it, and NULL means no migration has run yet.
     */
    public static final String APPLIED_SQL =
            "SELECT MAX(CAST(version AS UNSIGNED)) FROM flyway_schema_history WHERE success = 1";

    private SchemaVersion() {}
}
