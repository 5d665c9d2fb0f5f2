package io.docmap.worker.consume;

import java.io.IOException;
import java.util.stream.LongStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;

import io.docmap.common.kafka.PageMessage;
import io.docmap.common.warmup.WarmupRounds;

/** Turns a record's bytes into a page, or says exactly why it cannot. */
@ApplicationScoped
public class PageReader {

    private final ObjectMapper json;

    public PageReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads a made-up page of the default size before the worker takes pages: the first record's reading built
     * Jackson's reader of pages, on the first page's way.
     */
    void warm(@Observes StartupEvent event) throws Exception {
        byte[] page = json.writeValueAsBytes(PageMessage.of(
                1, LongStream.rangeClosed(1, PageMessage.DEFAULT_SIZE).boxed().toList()));
        WarmupRounds.run("the page reader", PageMessage.DEFAULT_SIZE, () -> read(page) != null);
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
