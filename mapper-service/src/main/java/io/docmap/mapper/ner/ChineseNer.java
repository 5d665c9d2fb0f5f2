package io.docmap.mapper.ner;

import java.util.List;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;

/**
 * Statistical Chinese named-entity recognition with HanLP's portable models: person (nr), place (ns) and
 * organisation (nt) names. It runs offline; the models ship inside the HanLP jar.
 */
public final class ChineseNer {

    private final Segment segment = HanLP.newSegment()
            .enableNameRecognize(true)
            .enablePlaceRecognize(true)
            .enableOrganizationRecognize(true)
            .enableOffset(true);

    /** Named entities of the text with their offsets, in order of appearance. */
    public List<Span> find(String text) {
        return segment.seg(text).stream()
                .filter(term -> isNamedEntity(term.nature.toString()) && term.word.length() > 1)
                .map(term -> new Span(term.offset, term.offset + term.word.length()))
                .toList();
    }

    private static boolean isNamedEntity(String nature) {
        return nature.startsWith("nr") || nature.startsWith("ns") || nature.startsWith("nt");
    }

    /** A named entity at {@code [start, end)} of the text. */
    public record Span(int start, int end) {}
}
