package io.docmap.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The local Kafka broker and database that tests run against: real servers, started through
 * {@code ./docmap infra start} when they are not running yet, so that {@code ./mvnw verify} needs no other step.
 */
public final class LocalInfra {

    private static boolean started;

    private LocalInfra() {}

    public static Path root() {
        return Path.of(System.getProperty("docmap.root", ".")).toAbsolutePath().normalize();
    }

    public static Path home() {
        return Path.of(
                System.getProperty("docmap.home", root().resolve(".docmap").toString()));
    }

    /** Bootstrap servers of the local broker, starting it if needed. */
    public static String kafkaBootstrap() {
        ensureStarted();
        return read(home().resolve("kafka/bootstrap")).trim();
    }

    /** Connection settings of the local database server, as written by {@code docmap infra start}. */
    public static Properties database() {
        ensureStarted();
        Properties env = new Properties();
        env.putAll(parseEnv(read(home().resolve("db.env"))));
        return env;
    }

    private static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        run(root().resolve("docmap").toString(), "infra", "start");
        started = true;
    }

    /** Runs a command with inherited output and fails the test run if it fails. */
    public static void run(String... command) {
        run(Map.of(), command);
    }

    /** Runs a command with extra environment variables, inherited output, and fails the test run if it fails. */
    public static void run(Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(root().toFile()).inheritIO();
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** What a command printed, its output and errors in one, and how it exited. */
    public record Outcome(int exitCode, String output) {}

    /**
     * Runs a command with the environment changed as given (a null value removes a variable) and returns what it
     * printed and its exit code, whatever that is.
     */
    public static Outcome outcome(Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("local infrastructure file missing: " + file, e);
        }
    }

    private static Properties parseEnv(String text) {
        Properties properties = new Properties();
        text.lines().filter(line -> line.contains("=")).forEach(line -> {
            int eq = line.indexOf('=');
            properties.setProperty(
                    line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        });
        return properties;
    }
}
