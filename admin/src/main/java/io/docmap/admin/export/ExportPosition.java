package io.docmap.admin.export;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where an export to a file stands: the last result id written and the file's length then, saved in
 * {@code FILE.position} after each batch is on disk. A resumed export cuts the file back to that length, dropping a
 * batch written after the last save (a kill between the two), and goes on after that id: no line twice, none lost.
 *
 * @param selection the options that chose the rows and their form ({@link ExportOptions#selection()})
 */
record ExportPosition(String selection, long lastId, long bytes) {

    static Path of(Path output) {
        return output.resolveSibling(output.getFileName() + ".position");
    }

    /** The position saved for {@code output}, or a start when neither the file nor a position exists. */
    static ExportPosition read(Path output, String selection) throws IOException {
        Path saved = of(output);
        if (!Files.exists(saved)) {
            if (Files.exists(output)) {
                throw new IllegalArgumentException(output + " exists and has no " + saved.getFileName()
                        + ": it is not an export this command can resume; remove it or name another file");
            }
            return new ExportPosition(selection, 0, 0);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(saved)) {
            properties.load(in);
        }
        ExportPosition position = new ExportPosition(
                properties.getProperty("selection"),
                Long.parseLong(properties.getProperty("last-id")),
                Long.parseLong(properties.getProperty("bytes")));
        if (!selection.equals(position.selection)) {
            throw new IllegalArgumentException(output + " was exported with " + position.selection + ", not "
                    + selection + ": resume it with the same options, or name another file");
        }
        return position;
    }

    /** Saves this position for {@code output}, whole or not at all: written aside, then moved over the last one. */
    void save(Path output) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("selection", selection);
        properties.setProperty("last-id", Long.toString(lastId));
        properties.setProperty("bytes", Long.toString(bytes));
        Path saved = of(output);
        Path next = saved.resolveSibling(saved.getFileName() + ".next");
        try (Writer out = Files.newBufferedWriter(next)) {
            properties.store(out, "docmap export: where to resume " + output.getFileName());
        }
        Files.move(next, saved, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    ExportPosition after(long id, long length) {
        return new ExportPosition(selection, id, length);
    }
}
