package io.docmap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/** The benchmark's printed figures, and its ratios held against their targets. */
final class BenchReport {

    /** One ratio and its target: met when {@code value} is on the right side of {@code threshold}. */
    record Verdict(String scenario, String figure, double value, String comparison, double threshold, boolean met) {

        static Verdict atLeast(String scenario, String figure, double value, double threshold) {
            return new Verdict(scenario, figure, value, ">=", threshold, value >= threshold);
        }

        static Verdict atMost(String scenario, String figure, double value, double threshold) {
            return new Verdict(scenario, figure, value, "<=", threshold, value <= threshold);
        }
    }

    private BenchReport() {}

    static List<Verdict> verdicts(List<ScenarioResult> results) {
        List<Verdict> verdicts = new ArrayList<>();
        find(results, "a").ifPresent(a -> {
            verdicts.add(Verdict.atLeast("a", "pipeline ÷ in-process limit", a.pipelineToLimit(), 0.6));
            verdicts.add(Verdict.atLeast("a", "first tenth ÷ steady rate", a.firstTenthToSteady(), 0.5));
            verdicts.add(Verdict.atMost(
                    "a", "rows written per document", a.database().rowsWrittenPerDocument(), 1.05));
        });
        find(results, "b")
                .ifPresent(b -> verdicts.add(Verdict.atLeast("b", "docs/s ÷ Little's bound", b.toLittleBound(), 0.85)));
        find(results, "c").ifPresent(c -> {
            verdicts.add(Verdict.atLeast("c", "last tenth ÷ first tenth", c.lastTenthToFirst(), 0.9));
            verdicts.add(Verdict.atMost("c", "worker peak heap used (MB)", c.workerPeakHeapMb(), 256));
            verdicts.add(Verdict.atMost("c", "worker peak RSS (MB)", c.workerPeakRssMb(), 400));
        });
        find(results, "d").ifPresent(d -> find(results, "d1")
                .ifPresent(d1 -> verdicts.add(Verdict.atLeast(
                        "d", "docs/s with 3 workers ÷ with 1", d.docsPerSecond() / d1.docsPerSecond(), 2.7))));
        return verdicts;
    }

    static String scenario(ScenarioResult r) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%n--- scenario %s: %s ---%n", r.scenario(), r.description()));
        line(text, "documents", "%,d (loaded in %.1f s)", r.documents(), r.loadSeconds());
        line(
                text,
                "whole run",
                "%,.0f docs/s over %.1f s (first page recorded to last outcome)",
                r.docsPerSecond(),
                r.seconds());
        line(
                text,
                "docs/s by tenth",
                "%s",
                DoubleStream.of(r.docsPerSecondByTenth())
                        .mapToObj(rate -> String.format("%,.0f", rate))
                        .collect(Collectors.joining("  ")));
        line(
                text,
                "tenths",
                "last ÷ first %.2f; first ÷ steady (the median tenth) %.2f",
                r.lastTenthToFirst(),
                r.firstTenthToSteady());
        line(
                text,
                "dispatch → stored",
                "p50 %,.0f ms  p95 %,.0f ms  p99 %,.0f ms",
                r.latencyP50Millis(),
                r.latencyP95Millis(),
                r.latencyP99Millis());
        MapperCalls calls = r.mapperCalls();
        line(
                text,
                "mapper calls",
                "%,d, mean %.1f ms, p50 ≤ %.0f ms, p99 ≤ %.0f ms",
                calls.calls(),
                calls.meanMillis(),
                calls.p50Millis(),
                calls.p99Millis());
        DatabaseWork db = r.database();
        line(
                text,
                "database",
                "%,.0f rows written/s; per document %.3f rows written, %.1f read; per page (%,d) %.1f statements,"
                        + " %.1f commits",
                db.rowsWrittenPerSecond(),
                db.rowsWrittenPerDocument(),
                db.rowsReadPerDocument(),
                db.pages(),
                db.statementsPerPage(),
                db.commitsPerPage());
        // The live-data gauge is set by major collections only; it stays 0 in a run that has none.
        String live = r.workerPeakLiveHeapMb() > 0
                ? String.format("live after a major GC %.0f MB", r.workerPeakLiveHeapMb())
                : "no major GC";
        line(
                text,
                "worker peaks",
                "heap used %.0f MB (%s), RSS %.0f MB",
                r.workerPeakHeapMb(),
                live,
                r.workerPeakRssMb());
        if (!Double.isNaN(r.limitDocsPerSecond())) {
            line(
                    text,
                    "in-process limit",
                    "%,.0f docs/s before the pipeline, %,.0f after; pipeline ÷ their mean %.2f",
                    r.limitBeforeDocsPerSecond(),
                    r.limitAfterDocsPerSecond(),
                    r.pipelineToLimit());
        }
        if (!Double.isNaN(r.oldMethodDocsPerSecond())) {
            line(
                    text,
                    "old method",
                    "%,.0f docs/s (one call and one commit per document); pipeline ÷ old %.1f",
                    r.oldMethodDocsPerSecond(),
                    r.pipelineToOldMethod());
        }
        if (!Double.isNaN(r.remapDocsPerSecond())) {
            line(
                    text,
                    "re-map",
                    "%,.0f docs/s, every result mapped again right after (asked to ended); re-map ÷ pipeline %.2f",
                    r.remapDocsPerSecond(),
                    r.remapToPipeline());
        }
        if (!Double.isNaN(r.littleBound())) {
            line(text, "Little's bound", "%,.0f docs/s; pipeline ÷ bound %.2f", r.littleBound(), r.toLittleBound());
        }
        line(text, "invariant", "%s", r.invariantHolds() ? "holds" : "BROKEN");
        CpuBudget cpu = r.cpu();
        line(
                text,
                "CPU",
                "%.2f ms per document (the processes below); %.2f of %d cores busy on average; %3$d cores all busy"
                        + " at that cost: %,.0f docs/s",
                cpu.cpuMillisPerDocument(),
                cpu.busyCores(),
                cpu.cores(),
                cpu.ceilingDocsPerSecond());
        text.append(String.format("  %-34s %12s %14s%n", "process", "peak RSS MB", "CPU s in run"));
        r.processes()
                .forEach(p ->
                        text.append(String.format("  %-34s %12.0f %14.1f%n", p.name(), p.peakRssMb(), p.cpuSeconds())));
        return text.toString();
    }

    static String verdictTable(List<Verdict> verdicts) {
        StringBuilder text = new StringBuilder(String.format("%n--- targets ---%n"));
        verdicts.forEach(v -> text.append(String.format(
                "  (%s) %-34s %8.2f  %s %-6s %s%n",
                v.scenario(),
                v.figure(),
                v.value(),
                v.comparison(),
                trim(v.threshold()),
                v.met() ? "met" : "NOT MET")));
        return text.toString();
    }

    /** e, the CPU-bound variant of d, reported without a target: its ratio to b and the CPU's ceiling on it. */
    static Optional<String> scalingCeiling(List<ScenarioResult> results) {
        return find(results, "e").flatMap(e -> find(results, "b")
                .map(b -> String.format(
                        "  (e) 3 workers ÷ 1 at 64 calls each: %.2f; at e's CPU cost per document, %d cores allow at"
                                + " most %,.0f docs/s: %.2f times b's %,.0f%n",
                        e.docsPerSecond() / b.docsPerSecond(),
                        e.cpu().cores(),
                        e.cpu().ceilingDocsPerSecond(),
                        e.cpu().ceilingDocsPerSecond() / b.docsPerSecond(),
                        b.docsPerSecond())));
    }

    private static void line(StringBuilder text, String label, String format, Object... values) {
        text.append(String.format("  %-20s ", label))
                .append(String.format(format, values))
                .append('\n');
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Optional<ScenarioResult> find(List<ScenarioResult> results, String scenario) {
        return results.stream().filter(r -> r.scenario().equals(scenario)).findFirst();
    }
}
