package io.docmap.harness;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.docmap.common.FailureCause;
import io.docmap.testing.StandInMapper;
import io.docmap.testing.StandInMapper.Answer;

/**
 * A mapper that misbehaves: per call, 10% answer 503 and 2% answer too late; per document, 1% are rejected with
 * 422 and 1% get garbage back, every time they are asked. Only those last two are permanent, so the failure table
 * must end up holding exactly them.
 */
final class ChaosScript implements StandInMapper.Script {

    /** Longer than the workers' mapper timeout in the chaos run. */
    static final long LATE_MILLIS = 3000;

    private final Random random = new Random(42);

    /** The permanent failure the script gives a document, if any. */
    static Optional<FailureCause> permanentCause(String docId) {
        return switch (Math.floorMod(docId.hashCode(), 100)) {
            case 0 -> Optional.of(FailureCause.MAPPER_REJECTED);
            case 1 -> Optional.of(FailureCause.MALFORMED_RESPONSE);
            default -> Optional.empty();
        };
    }

    @Override
    public Answer apply(List<String> docIds) {
        int roll;
        synchronized (random) {
            roll = random.nextInt(100);
        }
        if (roll < 10) {
            return Answer.of(503, "{\"detail\":\"overloaded, try later\"}");
        }
        if (roll < 12) {
            return new Answer(200, null, LATE_MILLIS);
        }
        for (String docId : docIds) {
            Optional<FailureCause> cause = permanentCause(docId);
            if (cause.isPresent()) {
                return cause.get() == FailureCause.MAPPER_REJECTED
                        ? Answer.of(422, "{\"detail\":\"document " + docId + " is not acceptable\"}")
                        : Answer.of(200, "<html><body>502 Bad Gateway from a proxy</body></html>");
            }
        }
        return null;
    }
}
