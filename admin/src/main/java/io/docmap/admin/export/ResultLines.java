package io.docmap.admin.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A stored result as a line of the export: a JSON object (JSONL), or a CSV record whose lists are JSON arrays. Lists
 * are read as stored: JSON arrays, or the old pipeline's comma-joined text.
 */
final class ResultLines {

    static final String CSV_HEADER = "doc_id,entities,canonical_names,stored_at,mapper_version\n";

    private static final JsonFactory JSON = new JsonFactory();

    private final ExportOptions.Format format;

    ResultLines(ExportOptions.Format format) {
        this.format = format;
    }

    /** What the file starts with: the CSV header, or nothing. */
    byte[] header() {
        return format == ExportOptions.Format.CSV ? CSV_HEADER.getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    void write(ResultRow row, OutputStream out) throws IOException {
        if (format == ExportOptions.Format.JSONL) {
            try (JsonGenerator json = generator(out)) {
                json.writeStartObject();
                json.writeStringField("doc_id", row.docId());
                json.writeFieldName("entities");
                array(json, list(row.entities()));
                json.writeFieldName("canonical_names");
                array(json, list(row.canonicalNames()));
                json.writeStringField("stored_at", row.storedAt());
                json.writeStringField("mapper_version", row.mapperVersion());
                json.writeEndObject();
            }
        } else {
            String record = String.join(
                    ",",
                    csv(row.docId()),
                    csv(jsonArray(list(row.entities()))),
                    csv(jsonArray(list(row.canonicalNames()))),
                    csv(row.storedAt()),
                    csv(row.mapperVersion()));
            out.write(record.getBytes(StandardCharsets.UTF_8));
        }
        out.write('\n');
    }

    /** A stored list: a JSON array of strings, or comma-joined text as the old pipeline wrote it. */
    static List<String> list(String stored) throws IOException {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        if (!stored.startsWith("[")) {
            return Arrays.asList(stored.split(","));
        }
        List<String> items = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(stored)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                items.add(parser.getValueAsString());
            }
        }
        return items;
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        return JSON.createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private static void array(JsonGenerator json, List<String> items) throws IOException {
        json.writeStartArray();
        for (String item : items) {
            json.writeString(item);
        }
        json.writeEndArray();
    }

    private static String jsonArray(List<String> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = generator(out)) {
            array(json, items);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; null is empty. */
    private static String csv(String field) {
        if (field == null) {
            return "";
        }
        return field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                ? "\"" + field.replace("\"", "\"\"") + "\""
                : field;
    }
}
