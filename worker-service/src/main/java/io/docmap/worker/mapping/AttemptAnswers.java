package io.docmap.worker.mapping;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.logging.Log;

import io.docmap.worker.client.MapperAnswer;
import io.docmap.worker.client.MapperUnavailableException;
import io.docmap.worker.model.DocumentFailure;
import io.docmap.worker.model.MappingOutcome;
import io.docmap.worker.model.SourceDocument;

/**
 * The answers one attempt at a page drew, and what they say of the mapper's endpoint. A document that alone draws an
 * answer that is not the mapper's contract fails with it only if the endpoint answered other documents of the page:
 * when every document draws such an answer, alone as in batches, the endpoint is at fault (a proxy's page, a wrong
 * URL), and failing them would turn it into millions of failures. The page is then retried and reported stuck, with
 * the first such answer's first bytes.
 */
public final class AttemptAnswers {

    private record Unusable(SourceDocument document, MapperAnswer.Refused answer) {}

    private final long ticket;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Queue<Unusable> unusable = new ConcurrentLinkedQueue<>();

    AttemptAnswers(long ticket) {
        this.ticket = ticket;
    }

    /** Puts the attempt's mapper calls ahead of those of every page begun after it. */
    long ticket() {
        return ticket;
    }

    /** The endpoint answered some of the page's documents per its contract. */
    void answered() {
        answered.set(true);
    }

    /** A single document drew an answer that breaks the contract; the verdict waits for the whole page. */
    void unusable(SourceDocument document, MapperAnswer.Refused answer) {
        unusable.add(new Unusable(document, answer));
    }

    /**
     * The page's outcome once every call has ended: the documents that drew unusable answers fail, each with its
     * cause, if the endpoint answered others, or if a lone document is all there was to ask.
     *
     * @throws MapperUnavailableException when every document drew an answer that is not the contract
     */
    public MappingOutcome settle(MappingOutcome mapped) {
        if (unusable.isEmpty()) {
            return mapped;
        }
        if (!answered.get() && unusable.size() > 1) {
            Unusable first = unusable.peek();
            throw new MapperUnavailableException(
                    "endpoint",
                    "the mapper's endpoint answered " + unusable.size() + " documents, each alone, with what is not"
                            + " its contract, and none with a result: check the URL and any proxy in front of it; "
                            + first.answer().message() + ", beginning "
                            + first.answer().firstBytes(),
                    null);
        }
        List<DocumentFailure> failed = unusable.stream()
                .map(u -> {
                    Log.warnf(
                            "document %s (source id %d) failed, %s: %s",
                            u.document().mid(),
                            u.document().id(),
                            u.answer().cause().code(),
                            u.answer().message());
                    return new DocumentFailure(
                            u.document(), u.answer().cause(), u.answer().message());
                })
                .toList();
        return mapped.withFailures(failed);
    }
}
