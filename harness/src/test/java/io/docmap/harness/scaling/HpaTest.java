package io.docmap.harness.scaling;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HPA's algorithm on docmap's behavior: 4 pods a minute up at once, 1 pod per 2 minutes down after 5 minutes. */
class HpaTest {

    private static final ScalingSpec SPEC = new ScalingSpec(
            1,
            12,
            Duration.ofSeconds(15),
            Duration.ofSeconds(300),
            4,
            1,
            false,
            true,
            new ScalingSpec.Direction(Duration.ZERO, 4, Duration.ofSeconds(60)),
            new ScalingSpec.Direction(Duration.ofSeconds(300), 1, Duration.ofSeconds(120)));

    @Test
    void scalesUpByAtMostFourPodsAMinuteToCeilOfMetricOverTarget() {
        Hpa hpa = new Hpa(SPEC);

        assertThat(hpa.decide(30, 1, seconds(0))).as("1 + 4 within the minute").isEqualTo(5);
        assertThat(hpa.decide(30, 5, seconds(15)))
                .as("no pod left in this minute's policy")
                .isEqualTo(5);
        assertThat(hpa.decide(30, 5, seconds(61))).as("ceil(30 / 4)").isEqualTo(8);
        assertThat(hpa.decide(400, 8, seconds(200))).as("max replicas").isEqualTo(12);
    }

    @Test
    void aRatioWithinTheToleranceChangesNothing() {
        Hpa hpa = new Hpa(SPEC);

        assertThat(hpa.decide(13, 3, seconds(0))).as("13 / 12 is within 10 %").isEqualTo(3);
        assertThat(hpa.decide(14, 3, seconds(15))).as("14 / 12 is not").isEqualTo(4);
    }

    @Test
    void scalesDownOnePodPerTwoMinutesOnceFiveMinutesOfRecommendationsAgree() {
        Hpa hpa = new Hpa(SPEC);
        hpa.decide(12, 3, seconds(0));

        assertThat(hpa.decide(0, 3, seconds(15))).as("the window still holds 3").isEqualTo(3);
        assertThat(hpa.decide(0, 3, seconds(299))).isEqualTo(3);
        assertThat(hpa.decide(0, 3, seconds(301)))
                .as("the window holds only 1 now; one pod")
                .isEqualTo(2);
        assertThat(hpa.decide(0, 2, seconds(316))).as("one pod per two minutes").isEqualTo(2);
        assertThat(hpa.decide(0, 2, seconds(422))).isEqualTo(1);
        assertThat(hpa.decide(0, 1, seconds(600))).as("min replicas").isEqualTo(1);
    }

    private static long seconds(long s) {
        return s * 1000;
    }
}
