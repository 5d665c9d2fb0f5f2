package io.docmap.bench;

import java.util.Arrays;
import java.util.List;

/** The figures of one scenario's run; written to the JSON report as they are. */
record ScenarioResult(
        String scenario,
        String description,
        long documents,
        int workers,
        double loadSeconds,
        double seconds,
        double docsPerSecond,
        double[] docsPerSecondByTenth,
        double lastTenthToFirst,
        double latencyP50Millis,
        double latencyP95Millis,
        double latencyP99Millis,
        MapperCalls mapperCalls,
        DatabaseWork database,
        List<ServiceFigures> processes,
        CpuBudget cpu,
        double workerPeakHeapMb,
        double workerPeakLiveHeapMb,
        double workerPeakRssMb,
        double limitBeforeDocsPerSecond,
        double limitAfterDocsPerSecond,
        double pipelineToLimit,
        double oldMethodDocsPerSecond,
        double pipelineToOldMethod,
        double remapDocsPerSecond,
        double remapToPipeline,
        double littleBound,
        double toLittleBound,
        boolean invariantHolds) {

    /**
     * The first tenth's rate over the steady rate, the median tenth's: how much the cold start costs. The median, since
     * the last tenth drains the pages in flight and runs slower than the steady state.
     */
    double firstTenthToSteady() {
        double[] sorted = docsPerSecondByTenth.clone();
        Arrays.sort(sorted);
        return docsPerSecondByTenth[0] / ((sorted[4] + sorted[5]) / 2);
    }

    /** The in-process limit: the mean of its runs before and after the pipeline's. */
    double limitDocsPerSecond() {
        return (limitBeforeDocsPerSecond + limitAfterDocsPerSecond) / 2;
    }
}
