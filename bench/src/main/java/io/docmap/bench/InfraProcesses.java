package io.docmap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The broker and the database server on this machine, found by their command lines, to count their share. */
final class InfraProcesses {

    private InfraProcesses() {}

    /** Name to pid of the Kafka broker and the MariaDB or MySQL server that are running; absent ones are left out. */
    static Map<String, Long> find() {
        Map<String, Long> found = new LinkedHashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> role(p).ifPresent(role -> found.putIfAbsent(
                            role, Long.parseLong(p.getFileName().toString()))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc (Linux only)", e);
        }
        return found;
    }

    private static Optional<String> role(Path process) {
        try {
            String command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
            String name = Files.readString(process.resolve("comm")).trim();
            if (command.contains(" kafka.Kafka ")) {
                return Optional.of("kafka broker");
            }
            if (name.equals("mariadbd") || name.equals("mysqld")) {
                return Optional.of("database server");
            }
        } catch (IOException e) {
            // The process ended while the list was read.
        }
        return Optional.empty();
    }
}
