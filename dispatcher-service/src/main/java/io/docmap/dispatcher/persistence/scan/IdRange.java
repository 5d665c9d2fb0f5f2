package io.docmap.dispatcher.persistence.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** Source ids from {@code first} to {@code last}, both included. */
public record IdRange(long first, long last) {

    public IdRange {
        if (first > last) {
            throw new IllegalArgumentException("empty id range " + first + ".." + last);
        }
    }

    /** The ids, ascending. */
    public LongStream ids() {
        return LongStream.rangeClosed(first, last);
    }

    /**
     * The ids as runs of consecutive ids: a page of ids the scan read in a row is one run. Never one range from the
     * lowest to the highest: a row that commits later inside that span is not the page's.
     *
     * @param ids ascending, without repeats
     */
    public static List<IdRange> runsOf(List<Long> ids) {
        List<IdRange> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= ids.size(); i++) {
            if (i == ids.size() || ids.get(i) != ids.get(i - 1) + 1) {
                runs.add(new IdRange(ids.get(start), ids.get(i - 1)));
                start = i;
            }
        }
        return runs;
    }

    /**
     * Each run of ids that a scan from {@code cursor} passed without returning: ids still uncommitted, rolled back or
     * deleted. Exactly those, never an id the scan returned, so that the sweep can dispatch whatever it finds there.
     *
     * @param ids what the scan returned, ascending
     */
    public static List<IdRange> passedOver(long cursor, List<Long> ids) {
        List<IdRange> holes = new ArrayList<>();
        long expected = cursor + 1;
        for (long id : ids) {
            if (id > expected) {
                holes.add(new IdRange(expected, id - 1));
            }
            expected = id + 1;
        }
        return holes;
    }

    /**
     * What is left of this range without the given ids: the runs of its ids that are not among them.
     *
     * @param ids ascending, without repeats; those outside the range are ignored
     */
    public List<IdRange> without(List<Long> ids) {
        List<IdRange> left = new ArrayList<>();
        long next = first;
        for (long id : ids) {
            if (id < next || id > last) {
                continue;
            }
            if (id > next) {
                left.add(new IdRange(next, id - 1));
            }
            next = id + 1;
        }
        if (next <= last) {
            left.add(new IdRange(next, last));
        }
        return left;
    }

    public boolean overlaps(List<Long> ids) {
        return ids.stream().anyMatch(id -> id >= first && id <= last);
    }
}
