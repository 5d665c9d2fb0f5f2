package io.docmap.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.docmap.harness.Pipeline;

/**
 * A re-map of every result a scenario stored, asked through the API as users ask it, on the same pipeline right after
 * the first pass: its rate, from the re-map's own times (asked to ended), beside the first pass's.
 */
final class RemapRun {

    private static final Logger LOG = Logger.getLogger("docmap.bench");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(1);

    private RemapRun() {}

    static double docsPerSecond(Pipeline pipeline, Duration timeout) throws Exception {
        long asked = System.nanoTime();
        // It answers once it has counted the selection: seconds on 1,000,000 results.
        JsonNode started = JSON.readTree(answer(pipeline.dispatcher()
                .post("/api/remap", pipeline.apiToken(), "{\"fromId\":0}", timeout)
                .orElseThrow(() -> new IllegalStateException("the dispatcher did not answer the re-map"))));
        LOG.info(String.format(
                "re-map of every result: %,d documents selected, counted in %.1f s",
                started.get("selected").asLong(), (System.nanoTime() - asked) / 1e9));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode remap = JSON.readTree(answer(pipeline.dispatcher()
                    .get("/api/remap", pipeline.apiToken())
                    .orElseThrow(() -> new IllegalStateException("the dispatcher did not answer"))));
            if ("DONE".equals(remap.get("state").asText())) {
                double seconds = Duration.between(
                                        LocalDateTime.parse(
                                                remap.get("requestedAt").asText()),
                                        LocalDateTime.parse(remap.get("endedAt").asText()))
                                .toMillis()
                        / 1e3;
                return remap.get("done").asLong() / seconds;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the re-map did not end within " + timeout);
    }

    private static String answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "the re-map API answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
