package io.docmap.admin.export;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./docmap export} was asked for. Each option is parsed, none ignored.
 *
 * @param format {@code jsonl} (default) or {@code csv}
 * @param since only results stored at or after this time (UTC)
 * @param mapperVersion only results of this mapper version; {@code unknown} selects those with none
 * @param output the file to write, and to resume; empty writes to stdout, which cannot resume
 * @param batch rows read per query and written between two saved positions
 */
public record ExportOptions(
        Format format,
        Optional<LocalDateTime> since,
        Optional<String> mapperVersion,
        Optional<Path> output,
        int batch) {

    public enum Format {
        JSONL,
        CSV
    }

    public static final String USAGE =
            """
            usage: docmap export [--format jsonl|csv] [--since DATE] [--mapper-version V] [--output FILE]
              --format jsonl|csv   one JSON object per line (default), or CSV with a header line
              --since DATE         only results stored at or after DATE (UTC): 2026-12-01 or 2026-12-01T08:00
              --mapper-version V   only results of mapper version V; unknown selects results of no known version
              --output FILE        write to FILE, and resume it where it stopped (FILE.position); default stdout
              --batch N            rows per read and per saved position (default 10000)""";

    static final int DEFAULT_BATCH = 10_000;

    /** The options after {@code export}. */
    public static ExportOptions parse(List<String> options) {
        Format format = Format.JSONL;
        Optional<LocalDateTime> since = Optional.empty();
        Optional<String> version = Optional.empty();
        Optional<Path> output = Optional.empty();
        int batch = DEFAULT_BATCH;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (!List.of("--format", "--since", "--mapper-version", "--output", "--batch")
                    .contains(option)) {
                throw new IllegalArgumentException("unknown option '" + option + "' for export");
            }
            if (i + 1 >= options.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = options.get(++i);
            switch (option) {
                case "--format" -> format = format(value);
                case "--since" -> since = Optional.of(time(value));
                case "--mapper-version" -> version = Optional.of(value);
                case "--output" -> output = Optional.of(Path.of(value));
                default -> batch = batch(value);
            }
        }
        return new ExportOptions(format, since, version, output, batch);
    }

    /** The options that choose the rows and their form: a resumed export must have the same. */
    String selection() {
        return "format=" + format + " since=" + since.map(Object::toString).orElse("-") + " mapper-version="
                + mapperVersion.orElse("-");
    }

    private static Format format(String value) {
        return switch (value) {
            case "jsonl" -> Format.JSONL;
            case "csv" -> Format.CSV;
            default -> throw new IllegalArgumentException("--format is jsonl or csv, not '" + value + "'");
        };
    }

    private static LocalDateTime time(String value) {
        try {
            return value.contains("T")
                    ? LocalDateTime.parse(value)
                    : LocalDate.parse(value).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes 2026-12-01 or 2026-12-01T08:00, not '" + value + "'");
        }
    }

    private static int batch(String value) {
        try {
            int batch = Integer.parseInt(value);
            if (batch >= 1 && batch <= 100_000) {
                return batch;
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw new IllegalArgumentException("--batch takes a number from 1 to 100000, not '" + value + "'");
    }
}
