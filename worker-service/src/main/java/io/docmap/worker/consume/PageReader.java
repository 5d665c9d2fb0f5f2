package io.docmap.worker.consume;

import java.io.IOException;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.docmap.common.kafka.PageMessage;

/** Turns a record's bytes into a page, or says exactly why it cannot. */
@ApplicationScoped
public class PageReader {

    private final ObjectMapper json;

    public PageReader(ObjectMapper json) {
        this.json = json;
    }

    public PageMessage read(byte[] value) {
        if (value == null || value.length == 0) {
            throw new UnreadablePageException("empty message");
        }
        PageMessage page;
        try {
            page = json.readValue(value, PageMessage.class);
        } catch (JsonProcessingException e) {
            throw new UnreadablePageException("not a page message: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadablePageException("not a page message: " + e.getMessage(), e);
        }
        String invalid = page == null ? "null message" : page.invalidReason();
        if (invalid != null) {
            throw new UnreadablePageException(invalid);
        }
        return page;
    }
}
