package io.docmap.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a {@link StandInMapper} for a test class and points the worker's REST client at it. */
public class StandInMapperResource implements QuarkusTestResourceLifecycleManager {

    private StandInMapper mapper;

    @Override
    public Map<String, String> start() {
        mapper = new StandInMapper();
        return Map.of("quarkus.rest-client.mapper.url", mapper.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(mapper, new TestInjector.MatchesType(StandInMapper.class));
    }

    @Override
    public void stop() {
        if (mapper != null) {
            mapper.close();
        }
    }
}
