package io.docmap.harness;

/**
 * Where a run stands: source rows, results and failures, and the rows that break the invariant (every source row
 * has exactly one outcome).
 *
 * @param missing source rows with neither a result nor a failure
 * @param both source rows with a result and a failure
 * @param duplicates results beyond one per doc_id
 */
public record Outcomes(long source, long results, long failures, long missing, long both, long duplicates) {

    public boolean drained() {
        return missing == 0;
    }

    public boolean invariantHolds() {
        return missing == 0 && both == 0 && duplicates == 0 && source == results + failures;
    }

    public long settled() {
        return results + failures;
    }
}
