package io.docmap.bench;

import java.util.List;

/**
 * What a run cost the machine's cores: every measured process's CPU time, per document and against the wall clock.
 * The ceiling is the rate at which the cores, all busy, would have run at that cost per document: a run that comes
 * near it is bound by this machine's cores, whatever its settings.
 *
 * @param cores the cores this machine gives the JVMs
 * @param cpuMillisPerDocument CPU time of every measured process, per document
 * @param busyCores CPU time of every measured process over the run's length: cores busy on average
 * @param ceilingDocsPerSecond {@code cores} over the CPU time per document
 */
record CpuBudget(int cores, double cpuMillisPerDocument, double busyCores, double ceilingDocsPerSecond) {

    /** The cores this machine gives the JVMs; the benchmark's report gives the same figure at its top. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    static CpuBudget of(List<ServiceFigures> processes, long documents, double seconds) {
        double cpuSeconds =
                processes.stream().mapToDouble(ServiceFigures::cpuSeconds).sum();
        return new CpuBudget(
                CORES, 1000 * cpuSeconds / documents, cpuSeconds / seconds, CORES * documents / cpuSeconds);
    }
}
