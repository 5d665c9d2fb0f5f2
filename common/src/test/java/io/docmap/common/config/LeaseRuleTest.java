package io.docmap.common.config;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseRuleTest {

    @Test
    void theSharedDefaultsKeepTheRule() {
        assertThatCode(() -> LeaseRule.check(config("15m", "10m", "30s"))).doesNotThrowAnyException();
    }

    @Test
    void aLeaseNoLongerThanPageTimeoutAndBackoffIsRefusedWithAllThreeNamed() {
        assertThatThrownBy(() -> LeaseRule.check(config("10m30s", "10m", "30s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docmap.dispatch.lease (PT10M30S)")
                .hasMessageContaining("docmap.worker.page-timeout (PT10M)")
                .hasMessageContaining("docmap.worker.retry-max-backoff (PT30S)");
        assertThatThrownBy(() -> LeaseRule.check(config("2s", "10m", "500ms")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SmallRyeConfig config(String lease, String pageTimeout, String backoff) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                LeaseRule.LEASE, lease,
                                LeaseRule.PAGE_TIMEOUT, pageTimeout,
                                LeaseRule.RETRY_MAX_BACKOFF, backoff),
                        "test",
                        100))
                .build();
    }
}
