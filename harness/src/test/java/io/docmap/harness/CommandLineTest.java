package io.docmap.harness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.docmap.testing.LocalInfra;
import io.docmap.testing.LocalInfra.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./docmap} answers as kubectl would: help on asking, exit 0; an unknown command or option refused with exit 2,
 * before anything is built or started; and a database setting it would ignore refused too.
 */
class CommandLineTest {

    private static final List<String> COMMANDS = List.of(
            "infra",
            "demo",
            "up",
            "down",
            "status",
            "logs",
            "test",
            "bench",
            "autoscale",
            "check",
            "migrate",
            "export",
            "remap");

    @Test
    void helpListsEveryCommandAndExitsZero() {
        for (String help : List.of("help", "--help", "-h")) {
            Outcome outcome = docmap(Map.of(), help);
            assertThat(outcome.exitCode()).as(help).isZero();
            COMMANDS.forEach(command -> assertThat(outcome.output()).contains("  " + command));
        }
    }

    /** Every command but test, which passes its options on to Maven. */
    static List<String> commandsWithOptions() {
        return COMMANDS.stream().filter(command -> !command.equals("test")).toList();
    }

    @ParameterizedTest
    @MethodSource("commandsWithOptions")
    void eachCommandExplainsItselfAndRefusesAnOptionItDoesNotTake(String command) {
        Outcome help = docmap(Map.of(), command, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).startsWith("usage: ./docmap " + command);

        Outcome refused = docmap(Map.of(), command, "--no-such-option");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output())
                .contains("--no-such-option")
                .contains("usage: ./docmap " + command)
                .doesNotContain("building");
    }

    @Test
    void testPassesItsArgumentsToMavenButStillExplainsItself() {
        Outcome help = docmap(Map.of(), "test", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).startsWith("usage: ./docmap test");
    }

    @Test
    void anUnknownCommandAValueMissingAndAnExtraArgumentAreRefused() {
        assertThat(docmap(Map.of(), "deploy").exitCode()).isEqualTo(2);
        assertThat(docmap(Map.of()).exitCode()).isEqualTo(2);
        assertThat(docmap(Map.of(), "up", "--workers").output()).contains("--workers needs a value");
        assertThat(docmap(Map.of(), "up", "--workers").exitCode()).isEqualTo(2);
        assertThat(docmap(Map.of(), "demo", "--docs=5").output()).contains("write --docs 5");
        assertThat(docmap(Map.of(), "logs", "worker", "mapper").exitCode()).isEqualTo(2);
        assertThat(docmap(Map.of(), "infra", "restart").exitCode()).isEqualTo(2);
        assertThat(docmap(Map.of(), "remap").exitCode())
                .as("a re-map of nothing")
                .isEqualTo(2);
        assertThat(docmap(Map.of(), "remap", "restart").exitCode()).isEqualTo(2);
        assertThat(docmap(Map.of(), "remap", "pause", "--entity", "x").exitCode())
                .as("a selection for a re-map under way")
                .isEqualTo(2);
        assertThat(docmap(Map.of(), "remap", "--from-id", "1e3").exitCode()).isEqualTo(2);
    }

    @Test
    void aDatabaseSettingWithoutItsHostIsRefusedNotIgnored() {
        Outcome outcome = docmap(Map.of("DOCMAP_DB_NAME", "posts"), "up");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.output()).contains("DOCMAP_DB_NAME").contains("DOCMAP_DB_HOST");
    }

    private static Outcome docmap(Map<String, String> env, String... args) {
        Map<String, String> withoutDatabase = new HashMap<>();
        for (String name :
                List.of("DOCMAP_DB_HOST", "DOCMAP_DB_PORT", "DOCMAP_DB_NAME", "DOCMAP_DB_USER", "DOCMAP_DB_PASSWORD")) {
            withoutDatabase.put(name, null);
        }
        withoutDatabase.putAll(env);
        String[] command = new String[args.length + 1];
        command[0] = LocalInfra.root().resolve("docmap").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return LocalInfra.outcome(withoutDatabase, command);
    }
}
