package io.docmap.worker.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the items of a mapper's answer array one by one, with a streaming parser: no tree of the whole answer is
 * built, and an item over the byte budget is skipped, not read, so that an answer listing millions of entities costs
 * the worker no more memory than its bytes.
 */
final class AnswerItems {

    /**
     * One item of the answer.
     *
     * @param docId its doc_id, or null when it has none as a string
     * @param entities its ent_list, or null when it is not an array of strings
     * @param canonical its maaped_ent, or null when it is not an array of strings
     * @param shape what ent_list and maaped_ent were when one of them is not an array of strings
     * @param bytes its length in the answer, when it exceeds the budget; 0 when it does not
     */
    record Item(String docId, List<String> entities, List<String> canonical, String shape, long bytes) {

        boolean overBudget() {
            return bytes > 0;
        }
    }

    private AnswerItems() {}

    /**
     * Hands each item of the array to {@code items}, from the one the parser stands on to the array's end; an element
     * that is not an object is skipped, with no doc_id.
     *
     * @throws IOException when the answer is not well-formed JSON, or ends early
     */
    static void read(JsonParser parser, long budget, Consumer<Item> items) throws IOException {
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("the answer ends inside its array");
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                items.accept(new Item(null, null, null, "not an object", 0));
                continue;
            }
            items.accept(item(parser, budget));
        }
    }

    private static Item item(JsonParser parser, long budget) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        String docId = null;
        Field entities = Field.MISSING;
        Field canonical = Field.MISSING;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            long used = parser.currentLocation().getByteOffset() - start;
            if (used > budget) {
                return overBudget(parser, docId, start);
            }
            switch (name) {
                case "doc_id" -> docId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "ent_list" -> entities = Field.read(parser, value, start, budget);
                case "maaped_ent" -> canonical = Field.read(parser, value, start, budget);
                default -> parser.skipChildren();
            }
            if (entities.overBudget() || canonical.overBudget()) {
                return overBudget(parser, docId, start);
            }
        }
        String shape = entities.strings() != null && canonical.strings() != null
                ? null
                : "ent_list " + entities.kind() + " and maaped_ent " + canonical.kind();
        return new Item(docId, entities.strings(), canonical.strings(), shape, 0);
    }

    /** Skips the rest of an item over the budget, still reading its doc_id if it comes later. */
    private static Item overBudget(JsonParser parser, String docId, long start) throws IOException {
        String id = docId;
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("the answer ends inside an item");
            }
            if (depth == 1 && token == JsonToken.FIELD_NAME && "doc_id".equals(parser.currentName())) {
                if (parser.nextToken() == JsonToken.VALUE_STRING && id == null) {
                    id = parser.getText();
                }
                parser.skipChildren();
            } else if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
        return new Item(id, null, null, null, parser.currentLocation().getByteOffset() - start);
    }

    /** A list field of an item: its strings, or what it was instead; or that it ran over the budget. */
    private record Field(List<String> strings, String kind, boolean overBudget) {

        static final Field MISSING = new Field(null, "missing", false);

        static Field read(JsonParser parser, JsonToken value, long start, long budget) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return new Field(null, value.isScalarValue() ? scalarKind(value) : "object", false);
            }
            List<String> strings = new ArrayList<>();
            boolean allStrings = true;
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (element == null) {
                    throw new IOException("the answer ends inside a list");
                }
                if (parser.currentLocation().getByteOffset() - start > budget) {
                    skipRestOfArray(parser);
                    return new Field(null, "array", true);
                }
                if (element == JsonToken.VALUE_STRING && allStrings) {
                    strings.add(parser.getText());
                } else {
                    allStrings = false;
                    parser.skipChildren();
                }
            }
            return allStrings ? new Field(strings, "array", false) : new Field(null, "array of non-strings", false);
        }

        /** Skips the element the parser stands on and the rest of its array, up to the array's end. */
        private static void skipRestOfArray(JsonParser parser) throws IOException {
            parser.skipChildren();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IOException("the answer ends inside a list");
                }
                parser.skipChildren();
            }
        }

        private static String scalarKind(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> "string";
                case VALUE_NULL -> "null";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                default -> "number";
            };
        }
    }
}
