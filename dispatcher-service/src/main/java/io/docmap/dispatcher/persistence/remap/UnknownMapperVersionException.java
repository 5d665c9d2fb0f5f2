package io.docmap.dispatcher.persistence.remap;

/** A re-map by a mapper version that no stored result has. */
public class UnknownMapperVersionException extends RuntimeException {

    UnknownMapperVersionException(String version) {
        super("no stored result has mapper version '" + version + "' (the versions are in GET /api/documents/{doc_id}"
                + "; '" + RemapSelection.UNKNOWN_VERSION + "' selects results of no known version)");
    }
}
