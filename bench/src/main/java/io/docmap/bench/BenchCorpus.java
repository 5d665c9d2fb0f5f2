package io.docmap.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.docmap.harness.Corpus;
import io.docmap.harness.CorpusDocument;
import io.docmap.harness.GazetteerNames;

/**
 * The benchmark's documents: about 0.2 to 4 KB (UTF-8) of Chinese and English posts of the sample corpus joined into
 * one text, with their gazetteer names, and one document of 1 MB in every {@link #LARGE_EVERY}. They are built from a
 * pool of posts, so that a million documents cost seconds, not the corpus generator's minutes.
 */
final class BenchCorpus {

    static final int MIN_BYTES = 200;
    static final int MAX_BYTES = 4096;
    static final int LARGE_BYTES = 1 << 20;
    static final int LARGE_EVERY = 20_000;
    private static final int POOL = 5_000;

    private final List<CorpusDocument> pool;
    private final int[] poolBytes;
    private final Random random;

    BenchCorpus(long seed) {
        this.pool = new Corpus(new GazetteerNames(), seed).next("pool", 0, POOL);
        this.poolBytes = pool.stream()
                .mapToInt(post -> post.content().getBytes(StandardCharsets.UTF_8).length + 1)
                .toArray();
        this.random = new Random(seed);
    }

    /** Documents {@code bench-<first>} to {@code bench-<first + count - 1>}. */
    List<CorpusDocument> next(int first, int count) {
        List<CorpusDocument> documents = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            documents.add(document(i));
        }
        return documents;
    }

    private CorpusDocument document(int index) {
        int target = index % LARGE_EVERY == LARGE_EVERY - 1
                ? LARGE_BYTES
                : MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES + 1);
        StringBuilder text = new StringBuilder();
        List<String> canonical = new ArrayList<>();
        int bytes = 0;
        while (bytes < target) {
            int pick = random.nextInt(pool.size());
            CorpusDocument post = pool.get(pick);
            text.append(post.content()).append('\n');
            bytes += poolBytes[pick];
            canonical.addAll(post.expectedCanonical());
        }
        return new CorpusDocument("bench-" + index, text.toString(), canonical);
    }
}
