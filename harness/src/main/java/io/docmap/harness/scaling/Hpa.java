package io.docmap.harness.scaling;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IntSummaryStatistics;
import java.util.stream.Stream;

/**
 * The HPA's decision for one external metric of target type AverageValue, as the Kubernetes documentation and the
 * controller define it:
 *
 * <ol>
 *   <li>desired = ceil(metric ÷ target), unless metric ÷ (target × current) is within the 10 % tolerance;
 *   <li>stabilization: up to the lowest recommendation within the scale-up window, down to the highest within the
 *       scale-down window;
 *   <li>the Pods policies: at most {@code pods} added (removed) within {@code period}, counted from the replicas at
 *       the period's start;
 *   <li>clamped to min and max replicas.
 * </ol>
 *
 * Times are the caller's, in milliseconds, so that a run can compress them.
 */
public final class Hpa {

    static final double TOLERANCE = 0.1;

    private record Recommendation(long at, int replicas) {}

    private record Change(long at, int delta) {}

    private final ScalingSpec spec;
    private final Deque<Recommendation> recommendations = new ArrayDeque<>();
    private final Deque<Change> changes = new ArrayDeque<>();

    public Hpa(ScalingSpec spec) {
        this.spec = spec;
    }

    /** The replica count for {@code metric}, now, with {@code current} replicas; remembered for the next decisions. */
    public int decide(long metric, int current, long nowMillis) {
        int proposed = current;
        double ratio = metric / (double) (spec.lagThreshold() * Math.max(1, current));
        if (Math.abs(ratio - 1) > TOLERANCE) {
            proposed = (int) Math.ceil(metric / (double) spec.lagThreshold());
        }
        proposed = clamp(proposed);
        recommendations.addLast(new Recommendation(nowMillis, proposed));
        forgetBefore(nowMillis - longest().toMillis());

        int stabilized = current;
        int upFloor = recommendedSince(
                        nowMillis - spec.scaleUp().stabilizationWindow().toMillis())
                .getMin();
        int downCeiling = recommendedSince(
                        nowMillis - spec.scaleDown().stabilizationWindow().toMillis())
                .getMax();
        if (stabilized < upFloor) {
            stabilized = upFloor;
        }
        if (stabilized > downCeiling) {
            stabilized = downCeiling;
        }
        if (stabilized > current) {
            int start =
                    current - changedSince(nowMillis - spec.scaleUp().period().toMillis(), +1);
            stabilized = Math.min(stabilized, start + spec.scaleUp().pods());
        } else if (stabilized < current) {
            int start =
                    current + changedSince(nowMillis - spec.scaleDown().period().toMillis(), -1);
            stabilized = Math.max(stabilized, start - spec.scaleDown().pods());
        }
        int decided = clamp(stabilized);
        if (decided != current) {
            changes.addLast(new Change(nowMillis, decided - current));
        }
        return decided;
    }

    private int clamp(int replicas) {
        return Math.max(Math.max(1, spec.minReplicas()), Math.min(spec.maxReplicas(), replicas));
    }

    private Duration longest() {
        return Stream.of(
                        spec.scaleUp().stabilizationWindow(),
                        spec.scaleDown().stabilizationWindow(),
                        spec.scaleUp().period(),
                        spec.scaleDown().period())
                .max(Duration::compareTo)
                .orElseThrow();
    }

    private void forgetBefore(long oldest) {
        while (recommendations.size() > 1 && recommendations.peekFirst().at() < oldest) {
            recommendations.removeFirst();
        }
        while (!changes.isEmpty() && changes.peekFirst().at() < oldest) {
            changes.removeFirst();
        }
    }

    private IntSummaryStatistics recommendedSince(long since) {
        return recommendations.stream()
                .filter(r -> r.at() >= since)
                .mapToInt(Recommendation::replicas)
                .summaryStatistics();
    }

    /** Replicas added (sign +1) or removed (sign -1) since then, as a positive count. */
    private int changedSince(long since, int sign) {
        return changes.stream()
                .filter(c -> c.at() > since && Integer.signum(c.delta()) == sign)
                .mapToInt(c -> Math.abs(c.delta()))
                .sum();
    }
}
