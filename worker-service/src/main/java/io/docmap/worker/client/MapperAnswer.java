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
     * The call's documents came back as a whole without a result: the mapper rejected them (a 400 or 422 with its
     * {@code detail}, a 413), or the answer is not the mapper's contract (an HTML page, a 200 that is not a JSON
     * array, an empty list, another 4xx). Which document is to blame, only a call per document can say; and an answer
     * that breaks the contract for every document alike blames the endpoint, not them.
     *
     * @param firstBytes the answer's first bytes, for an operator: never stored with a document's failure
     */
    record Refused(FailureCause cause, String message, String callOutcome, String firstBytes) implements MapperAnswer {

        public static final String REJECTED = "rejected";
        public static final String UNUSABLE = "unusable-answer";

        /** Whether the answer is not the mapper's contract, rather than the mapper's rejection of a document. */
        public boolean breaksTheContract() {
            return UNUSABLE.equals(callOutcome);
        }
    }
}
