package io.docmap.bench;

/**
 * One process's figures over a run.
 *
 * @param cpuSeconds CPU time spent from the start of the run to its end, start-up excluded
 */
record ServiceFigures(String name, double peakRssMb, double cpuSeconds) {

    static ServiceFigures between(String name, ProcessStats start, ProcessStats end) {
        return new ServiceFigures(name, end.peakRssBytes() / 1048576.0, end.cpuSeconds() - start.cpuSeconds());
    }
}
