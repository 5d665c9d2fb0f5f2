package io.docmap.common.kafka;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A page of work on the page topic: a claim check naming {@code source_data} ids, never their texts.
 *
 * @param version message format version, {@link #CURRENT_VERSION} for this code
 * @param pageId the dispatcher's id of the page
 * @param ids the {@code source_data.id}s of the page, ascending
 * @param remapBefore on a re-map's page, in epoch milliseconds: a document whose result was stored before it is
 *     mapped again, and its result replaced; absent on every other page, which maps only documents without an
 *     outcome. A worker that predates it reads the page as an ordinary one and maps nothing of it.
 */
@RegisterForReflection
public record PageMessage(
        @JsonProperty("v") int version,
        long pageId,
        List<Long> ids,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long remapBefore) {

    public static final int CURRENT_VERSION = 1;

    /** Source ids in a page unless the dispatcher is told otherwise ({@code docmap.dispatch.page-size}). */
    public static final int DEFAULT_SIZE = 500;

    public static PageMessage of(long pageId, List<Long> ids) {
        return new PageMessage(CURRENT_VERSION, pageId, List.copyOf(ids), null);
    }

    /** A re-map's page: its documents whose results were stored before {@code before} are mapped again. */
    public static PageMessage remap(long pageId, List<Long> ids, Instant before) {
        return new PageMessage(CURRENT_VERSION, pageId, List.copyOf(ids), before.toEpochMilli());
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
