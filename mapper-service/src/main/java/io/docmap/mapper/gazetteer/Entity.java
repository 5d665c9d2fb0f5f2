package io.docmap.mapper.gazetteer;

/** An entity found in a text at {@code [start, end)}: its surface form and its canonical name. */
public record Entity(int start, int end, String surface, String canonical) {

    public boolean overlaps(Entity other) {
        return start < other.end && other.start < end;
    }
}
