package io.docmap.worker.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.docmap.common.mapper.MapperDocument;
import io.docmap.common.mapper.MapperRequest;
import io.docmap.worker.model.SourceDocument;

/**
 * Writes a mapper request straight from the texts' UTF-8 bytes as the database returned them, each text made JSON's
 * in one pass ({@link JsonText}) and written raw. Decoding each text to a String only to encode it again cost the
 * worker a tenth of its event loops' CPU, and Jackson's escaping pass over each byte was later its costliest frame
 * (bench/README.md).
 */
final class MapperRequestBody {

    private static final JsonFactory JSON = new JsonFactory();

    /** Room for a document's id and the JSON around its text. */
    private static final int PER_DOCUMENT = 64;

    private MapperRequestBody() {}

    static byte[] of(List<SourceDocument> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(
                batch.stream().mapToInt(doc -> textLength(doc) + PER_DOCUMENT).sum());
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeArrayFieldStart(MapperRequest.DATA_LIST);
            for (SourceDocument doc : batch) {
                byte[] text = JsonText.of(doc.content());
                json.writeStartObject();
                json.writeStringField(MapperDocument.DOC_ID, doc.mid());
                json.writeFieldName(MapperDocument.TEXT);
                json.writeRawUTF8String(text, 0, text.length);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a mapper request could not be written to memory", e);
        }
        return body.toByteArray();
    }

    private static int textLength(SourceDocument doc) {
        return doc.content() == null ? 0 : doc.content().length;
    }
}
