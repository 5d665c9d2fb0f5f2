package io.docmap.common.kafka;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A page of work on the page topic: a claim check naming {@code source_data} ids, never their texts.
 *
 * @param version message format version, {@link #CURRENT_VERSION} for this code
 * @param pageId the dispatcher's id of the page
 * @param ids the {@code source_data.id}s of the page, ascending
 */
@RegisterForReflection
public record PageMessage(@JsonProperty("v") int version, long pageId, List<Long> ids) {

    public static final int CURRENT_VERSION = 1;

    /** Source ids in a page unless the dispatcher is told otherwise ({@code docmap.dispatch.page-size}). */
    public static final int DEFAULT_SIZE = 500;

    public static PageMessage of(long pageId, List<Long> ids) {
        return new PageMessage(CURRENT_VERSION, pageId, List.copyOf(ids));
    }

    /** Why this message cannot be processed, or {@code null} when it can. */
    public String invalidReason() {
        if (version != CURRENT_VERSION) {
            return "unsupported version " + version + ", expected " + CURRENT_VERSION;
        }
        if (ids == null || ids.isEmpty()) {
            return "page " + pageId + " names no source ids";
        }
        if (ids.contains(null)) {
            return "page " + pageId + " names a null source id";
        }
        return null;
    }
}
