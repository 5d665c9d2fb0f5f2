package io.docmap.common.warmup;

import java.util.ArrayList;
import java.util.List;

import io.docmap.common.mapper.MapperDocument;

/**
 * Documents made up for warming a service's per-document code before it is ready: Chinese and English sentences
 * around the given entity names, about 2 KB of UTF-8 each, as the posts the services map. The same every time.
 */
public final class WarmupDocuments {

    private static final String[] SENTENCES = {
        "据报道，%s 的代表周二表示，双方将在下个月继续会谈。",
        "The delegation from %s said on Tuesday that talks would resume next month. ",
        "市场分析人士认为，%s 的决定将影响今年下半年的出口。😀",
        "Officials in %s declined to comment on the report, citing \"ongoing\" negotiations.\n",
    };

    private static final int SENTENCES_PER_DOCUMENT = 24;

    private WarmupDocuments() {}

    /** {@code count} documents, with ids {@code warmup-0} on, naming {@code names} in turn. */
    public static List<MapperDocument> of(int count, List<String> names) {
        List<MapperDocument> documents = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < SENTENCES_PER_DOCUMENT; s++) {
                String name = names.get((d + s) % names.size());
                text.append(String.format(SENTENCES[(d + s) % SENTENCES.length], name));
            }
            documents.add(new MapperDocument("warmup-" + d, text.toString()));
        }
        return documents;
    }
}
