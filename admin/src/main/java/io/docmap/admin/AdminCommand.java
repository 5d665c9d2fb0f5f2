package io.docmap.admin;

import java.util.List;

import io.docmap.admin.export.ExportOptions;

/**
 * What {@code ./docmap check} or {@code ./docmap migrate} was asked to do. Every option is parsed, none ignored: an
 * option that a command does not know is refused, so that a mistyped {@code --dry-run} never runs a migration.
 *
 * @param name {@code check}, {@code migrate}, {@code export} or {@code help}
 * @param dryRun with {@code migrate}: print the changes and make none
 * @param lockWaitSeconds how long a change waits for a table that another transaction holds, then gives up
 * @param export with {@code export}: what to export, and where
 */
record AdminCommand(String name, boolean dryRun, int lockWaitSeconds, ExportOptions export) {

    static final String USAGE =
            """
            usage: docmap check
                   docmap migrate [--dry-run] [--lock-wait-timeout=SECONDS]
              check                        what in the database stops docmap; exits 1 if docmap cannot run on it
              migrate                      makes the database safe for docmap, online, with a backup of every row it
                                           removes; then checks it
              --dry-run                    prints each change migrate would make, with its row counts; changes nothing
              --lock-wait-timeout=SECONDS  how long a change waits for a table that another transaction holds before
                                           migrate gives up, instead of queueing every statement on that table behind
                                           it (default 10)
              -h, --help                   this text
            exit codes: 0 docmap can run, 1 it cannot, 2 the command could not run (or was refused)
            """
                    + ExportOptions.USAGE;

    static final int DEFAULT_LOCK_WAIT_SECONDS = 10;

    static final AdminCommand HELP = new AdminCommand("help", false, DEFAULT_LOCK_WAIT_SECONDS, null);

    /** The command the arguments name; {@link #HELP} when they ask for it. */
    static AdminCommand parse(String... args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return HELP;
        }
        if (args.length == 0 || !List.of("check", "migrate", "export").contains(args[0])) {
            throw new IllegalArgumentException(
                    args.length == 0 ? "no command given" : "unknown command '" + args[0] + "'");
        }
        if (args[0].equals("export")) {
            return new AdminCommand(
                    "export",
                    false,
                    DEFAULT_LOCK_WAIT_SECONDS,
                    ExportOptions.parse(List.of(args).subList(1, args.length)));
        }
        boolean dryRun = false;
        int lockWait = DEFAULT_LOCK_WAIT_SECONDS;
        for (String option : List.of(args).subList(1, args.length)) {
            if (args[0].equals("migrate") && option.equals("--dry-run")) {
                dryRun = true;
            } else if (args[0].equals("migrate") && option.startsWith("--lock-wait-timeout=")) {
                lockWait = seconds(option.substring("--lock-wait-timeout=".length()));
            } else {
                throw new IllegalArgumentException("unknown option '" + option + "' for " + args[0]);
            }
        }
        return new AdminCommand(args[0], dryRun, lockWait, null);
    }

    private static int seconds(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw new IllegalArgumentException("--lock-wait-timeout takes whole seconds, at least 1, not '" + value + "'");
    }
}
