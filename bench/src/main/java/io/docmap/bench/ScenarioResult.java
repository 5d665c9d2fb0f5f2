package io.docmap.bench;

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
        double databaseRowsPerSecond,
        List<ServiceFigures> processes,
        CpuBudget cpu,
        double workerPeakHeapMb,
        double workerPeakLiveHeapMb,
        double workerPeakRssMb,
        double limitDocsPerSecond,
        double pipelineToLimit,
        double oldMethodDocsPerSecond,
        double pipelineToOldMethod,
        double littleBound,
        double toLittleBound,
        boolean invariantHolds) {}
