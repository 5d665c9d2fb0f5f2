package io.docmap.harness;

import java.util.List;

/** A generated document, with the canonical names of the gazetteer names it was built with. */
public record CorpusDocument(String mid, String content, List<String> expectedCanonical) {}
