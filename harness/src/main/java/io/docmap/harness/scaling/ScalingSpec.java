package io.docmap.harness.scaling;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a KEDA ScaledObject with one Kafka trigger asks of KEDA and of the HPA it makes, read from the rendered
 * manifest. Only the {@code Pods} policies and one policy per direction are read: docmap's ScaledObject uses nothing
 * else, and {@link #read} refuses what it does not model.
 */
public record ScalingSpec(
        int minReplicas,
        int maxReplicas,
        Duration pollingInterval,
        Duration cooldownPeriod,
        long lagThreshold,
        long activationLagThreshold,
        boolean allowIdleConsumers,
        boolean resetToEarliest,
        Direction scaleUp,
        Direction scaleDown) {

    /**
     * One direction of the HPA's behavior.
     *
     * @param pods the most pods added (up) or removed (down) within {@code period}
     */
    public record Direction(Duration stabilizationWindow, int pods, Duration period) {

        Direction compressed(double factor) {
            return new Direction(divide(stabilizationWindow, factor), pods, divide(period, factor));
        }

        static Direction read(JsonNode behavior) {
            JsonNode policies = behavior.path("policies");
            if (policies.size() != 1 || !policies.get(0).path("type").asText().equals("Pods")) {
                throw new IllegalArgumentException("one Pods policy per direction is modelled, found: " + policies);
            }
            return new Direction(
                    Duration.ofSeconds(
                            behavior.path("stabilizationWindowSeconds").asLong()),
                    policies.get(0).path("value").asInt(),
                    Duration.ofSeconds(policies.get(0).path("periodSeconds").asLong()));
        }
    }

    public static ScalingSpec read(JsonNode scaledObject) {
        JsonNode spec = scaledObject.path("spec");
        JsonNode triggers = spec.path("triggers");
        if (triggers.size() != 1 || !triggers.get(0).path("type").asText().equals("kafka")) {
            throw new IllegalArgumentException("one kafka trigger is modelled, found: " + triggers);
        }
        JsonNode kafka = triggers.get(0).path("metadata");
        JsonNode behavior =
                spec.path("advanced").path("horizontalPodAutoscalerConfig").path("behavior");
        return new ScalingSpec(
                spec.path("minReplicaCount").asInt(0),
                spec.path("maxReplicaCount").asInt(100),
                Duration.ofSeconds(spec.path("pollingInterval").asLong(30)),
                Duration.ofSeconds(spec.path("cooldownPeriod").asLong(300)),
                Long.parseLong(kafka.path("lagThreshold").asText("10")),
                Long.parseLong(kafka.path("activationLagThreshold").asText("0")),
                Boolean.parseBoolean(kafka.path("allowIdleConsumers").asText("false")),
                kafka.path("offsetResetPolicy").asText("latest").equals("earliest"),
                Direction.read(behavior.path("scaleUp")),
                Direction.read(behavior.path("scaleDown")));
    }

    /** The same spec with every interval divided by {@code factor}: the algorithm unchanged, time compressed. */
    public ScalingSpec compressed(double factor) {
        return new ScalingSpec(
                minReplicas,
                maxReplicas,
                divide(pollingInterval, factor),
                divide(cooldownPeriod, factor),
                lagThreshold,
                activationLagThreshold,
                allowIdleConsumers,
                resetToEarliest,
                scaleUp.compressed(factor),
                scaleDown.compressed(factor));
    }

    private static Duration divide(Duration duration, double factor) {
        return Duration.ofMillis(Math.round(duration.toMillis() / factor));
    }
}
