package io.docmap.harness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.docmap.harness.scaling.Autoscale;
import io.docmap.testing.LocalInfra;
import io.docmap.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short form of {@code ./docmap autoscale}: the prod overlay's ScaledObject, through KEDA's Kafka scaler and the
 * HPA's algorithm with intervals divided by 30, scales real workers over 20,000 documents and a stand-in mapper that
 * serves 3 workers. Pages of 250 documents make a backlog of 80 pages, above the dispatcher's cap of 48, as the full
 * run's 200 pages are (100,000 documents, k8s/README.md); that is the same code.
 */
class AutoscaleIT {

    private static final Logger LOG = Logger.getLogger(AutoscaleIT.class.getName());
    private static final int DOCUMENTS = 20_000;

    @Test
    void workersScaleUpToWhatTheMapperServesAndBackWithEveryDocumentMappedOnce() throws Exception {
        Autoscale.Rendered rendered = Autoscale.Rendered.prod(LocalInfra.root());
        Map<String, String> properties = new HashMap<>(Autoscale.properties(rendered));
        properties.put("docmap.dispatch.page-size", "250");
        try (TestDatabase database = TestDatabase.create();
                FixedLatencyMapper mapper =
                        new FixedLatencyMapper(Autoscale.MAPPER_LATENCY_MILLIS, Autoscale.MAPPER_CAPACITY)) {
            Pipeline.Settings settings = SystemRun.named("autoscale")
                    .mapperUrl(mapper.url())
                    .workers(Math.max(1, rendered.spec().minReplicas()))
                    .properties(properties)
                    .settings(database);
            Autoscale.Proof proof = Autoscale.prove(
                    settings,
                    SystemRun.db(database),
                    mapper,
                    rendered.spec().compressed(30),
                    DOCUMENTS,
                    Duration.ofMinutes(3),
                    settings.logDir());
            LOG.info(proof.summary());

            assertThat(proof.problems()).as(proof.summary()).isEmpty();
            assertThat(proof.run().timeline().get(0).replicasBefore())
                    .as("the run starts at minReplicaCount")
                    .isEqualTo(Math.max(1, rendered.spec().minReplicas()));
            assertThat(proof.called()).as("documents the mapper saw").isEqualTo(DOCUMENTS);
        }
    }
}
