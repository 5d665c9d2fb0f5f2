package io.docmap.dispatcher.persistence.scan;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A row of {@code source_data}, of which the dispatcher reads only the id: it never loads a text. */
@Entity
@Immutable
@Table(name = "source_data")
public class SourceRow {

    @Id
    public long id;
}
