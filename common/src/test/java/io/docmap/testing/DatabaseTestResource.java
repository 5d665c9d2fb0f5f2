package io.docmap.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives each test class a fresh database on the real local MySQL-compatible server. */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create();
        return database.quarkusConfig();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
