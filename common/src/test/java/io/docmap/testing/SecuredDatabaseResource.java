package io.docmap.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A {@link SecuredDatabase} for a Quarkus test: the service gets its DOCMAP_DB_* settings, the test's field the server. */
public class SecuredDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private final SecuredDatabase server = new SecuredDatabase();

    @Override
    public Map<String, String> start() {
        return server.start();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(SecuredDatabase.class));
    }

    @Override
    public void stop() {
        server.close();
    }
}
