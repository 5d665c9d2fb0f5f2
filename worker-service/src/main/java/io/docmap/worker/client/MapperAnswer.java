package io.docmap.worker.client;

import io.docmap.common.FailureCause;
import io.docmap.worker.metrics.WorkerMetrics;
import io.docmap.worker.model.MappingOutcome;

/**
 * What a mapper call came to, as {@link MapperAnswers} reads it. A call that may succeed if tried again is not an
 * answer: it fails with a {@link MapperUnavailableException}, which the client retries.
 */
public sealed interface MapperAnswer {

    /** How the metrics tag the call: answered, rejected or unusable-answer. */
    String callOutcome();

    /** The mapper answered: a result or a failure for each requested document. */
    record Mapped(MappingOutcome outcome) implements MapperAnswer {

        @Override
        public String callOutcome() {
            return WorkerMetrics.ANSWERED;
        }
    }

    /**
     * The mapper refused the call's documents as a whole, for good: a 4xx about them, a {@code detail} body, or an
     * answer that is not a JSON array. Which of them is to blame, only a call per document can say.
     */
    record Refused(FailureCause cause, String message, String callOutcome) implements MapperAnswer {}
}
