package io.docmap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.docmap.harness.JvmOptions;
import io.docmap.harness.Pipeline;

/**
 * {@code ./docmap bench}: runs the benchmark scenarios on the local infrastructure, one after the other, prints each
 * one's figures and the ratios against their targets, and writes everything to {@code target/bench/}.
 *
 * <pre>
 *   --docs N          documents of scenarios a, b and d (100,000)
 *   --scale-docs N    documents of scenario c (1,000,000)
 *   --scenarios a,b   which scenarios to run (a,b,c,d); d needs b's figures and runs it too
 *   --set k=v,k2=v2   configuration for every service, over the scenarios' own (to try other settings)
 *   --jvm "opts"      options of every service's JVM, instead of each one's jvm.options
 *   --old-docs N      documents the old method (one call and one commit each) maps in scenario a (10,000; 0: none)
 * </pre>
 */
public final class Benchmark {

    private static final Logger LOG = Logger.getLogger("docmap.bench");

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int docs = Integer.parseInt(options.getOrDefault("docs", "100000"));
        int scaleDocs = Integer.parseInt(options.getOrDefault("scale-docs", "1000000"));
        int latencyDocs = Integer.parseInt(options.getOrDefault("latency-docs", "60000"));
        Set<String> chosen =
                Set.of(options.getOrDefault("scenarios", "a,b,c,d,e").split(","));

        Path root = Path.of(System.getenv().getOrDefault("DOCMAP_ROOT", ".")).toAbsolutePath();
        Path home = Path.of(System.getenv()
                .getOrDefault("DOCMAP_HOME", root.resolve(".docmap").toString()));
        Path out = root.resolve("target/bench");
        ScenarioRun runner = new ScenarioRun(
                root,
                out.resolve("logs"),
                Pipeline.DatabaseSettings.fromInfra(home),
                Files.readString(home.resolve("kafka/bootstrap")).trim(),
                new ScenarioRun.Options(
                        settings(options.getOrDefault("set", "")),
                        jvmOptions(options.get("jvm")),
                        Integer.parseInt(options.getOrDefault("old-docs", "10000"))));

        List<Scenario> scenarios = new ArrayList<>();
        if (chosen.contains("a")) {
            scenarios.add(Scenario.referenceMapper(docs));
        }
        if (chosen.contains("b") || chosen.contains("e")) {
            scenarios.add(Scenario.latencyBound(docs, 1));
        }
        if (chosen.contains("d")) {
            scenarios.add(Scenario.productionLike(latencyDocs, 1));
            scenarios.add(Scenario.productionLike(latencyDocs, 3));
        }
        if (chosen.contains("e")) {
            scenarios.add(Scenario.latencyBound(docs, 3));
        }
        if (chosen.contains("c")) {
            scenarios.add(Scenario.scale(scaleDocs));
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            ScenarioResult result = runner.run(scenario);
            results.add(result);
            LOG.info(BenchReport.scenario(result));
        }
        List<BenchReport.Verdict> verdicts = BenchReport.verdicts(results);
        LOG.info(BenchReport.verdictTable(verdicts)
                + BenchReport.scalingCeiling(results).orElse(""));
        write(out, results, verdicts);
        if (results.stream().anyMatch(r -> !r.invariantHolds())) {
            throw new IllegalStateException("a run broke the invariant; see the figures above");
        }
    }

    private static void write(Path out, List<ScenarioResult> results, List<BenchReport.Verdict> verdicts)
            throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", LocalDateTime.now().withNano(0).toString());
        report.put("cores", CpuBudget.CORES);
        report.put("scenarios", results);
        report.put("targets", verdicts);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = out.resolve("bench-" + stamp + ".json");
        json.writeValue(file.toFile(), report);
        Files.copy(file, out.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
        LOG.info("figures written to " + file);
    }

    private static Map<String, String> settings(String list) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : list.split(",")) {
            if (setting.isBlank()) {
                continue;
            }
            int equals = setting.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--set expects key=value pairs, got: " + setting);
            }
            settings.put(
                    setting.substring(0, equals).trim(),
                    setting.substring(equals + 1).trim());
        }
        return settings;
    }

    private static JvmOptions jvmOptions(String option) {
        return option == null
                ? JvmOptions.SERVICES_OWN
                : JvmOptions.everyService(List.of(option.trim().split("\\s+")));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Set<String> known = Set.of("docs", "latency-docs", "scale-docs", "scenarios", "set", "jvm", "old-docs");
        options.keySet().stream()
                .filter(key -> !known.contains(key))
                .findFirst()
                .ifPresent(key -> {
                    throw new IllegalArgumentException("unknown option --" + key + "; known: " + known);
                });
        return options;
    }
}
