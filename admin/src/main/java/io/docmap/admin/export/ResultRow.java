package io.docmap.admin.export;

/** A row of doc_ent_map as the export reads it; the lists as stored. */
record ResultRow(
        long id, String docId, String entities, String canonicalNames, String storedAt, String mapperVersion) {}
