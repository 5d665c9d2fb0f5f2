package io.docmap.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test class a fresh database, migrated as the dispatcher does, on the real local server. With the init
 * argument {@code migrated=false} it stays empty. A test's {@link TestDatabase} field receives it.
 */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument that leaves the database empty when {@code false}. */
    public static final String MIGRATED = "migrated";

    private boolean migrated = true;
    private TestDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        migrated = Boolean.parseBoolean(initArgs.getOrDefault(MIGRATED, "true"));
    }

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create();
        prepare(database);
        if (migrated) {
            database.migrate();
        }
        return database.quarkusConfig();
    }

    /** What the database holds before the dispatcher's migrations: nothing, unless a subclass says otherwise. */
    protected void prepare(TestDatabase database) {}

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(database, new TestInjector.MatchesType(TestDatabase.class));
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
