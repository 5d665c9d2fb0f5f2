package io.docmap.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives each test class a fresh database, migrated as the dispatcher does, on the real local server. */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create().migrate();
        return database.quarkusConfig();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
