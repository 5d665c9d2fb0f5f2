package io.docmap.worker.persistence.outcomes;

import java.time.LocalDateTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code doc_ent_map}: one document's entities and canonical names, as JSON arrays. */
@Entity
@Table(name = "doc_ent_map")
public class DocEntMap {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "doc_id")
    public String docId;

    @Column(name = "ent_list_str")
    public String entListStr;

    @Column(name = "mapped_list_str")
    public String mappedListStr;

    @Column(name = "create_time")
    public LocalDateTime createTime;

    /** The version of the mapper that found them; null when it named none. */
    @Column(name = "mapper_version")
    public String mapperVersion;
}
