package io.docmap.mapper.matching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Aho-Corasick multi-pattern matcher: one pass over the text, whatever the number of patterns. It returns the
 * leftmost-longest non-overlapping matches. Matching ignores case, and a pattern that starts or ends with a Latin
 * letter or digit only matches on word boundaries, so that "US" is not found inside "status". CJK text has no word
 * boundaries and is matched anywhere.
 */
public final class AhoCorasick {

    private static final Comparator<Match> LEFTMOST_LONGEST = Comparator.comparingInt(Match::start)
            .thenComparing(Comparator.comparingInt(Match::end).reversed());

    /** The trie while it is built and linked; matching reads {@link #edges} and {@link #patternEndingAt}. */
    private final List<Map<Character, Integer>> children = new ArrayList<>();

    private final List<Integer> patternAt = new ArrayList<>();
    private final Edges edges;
    private final int[] patternEndingAt;
    private int[] fail;
    private int[] outputLink;
    private final int[] patternLengths;
    private final int longestPattern;
    private final boolean[] latinStart;
    private final boolean[] latinEnd;

    public AhoCorasick(List<String> patterns) {
        patternLengths = new int[patterns.size()];
        latinStart = new boolean[patterns.size()];
        latinEnd = new boolean[patterns.size()];
        newNode();
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern at index " + p);
            }
            insert(pattern, p);
        }
        link();
        longestPattern = Arrays.stream(patternLengths).max().orElse(0);
        edges = new Edges(children);
        patternEndingAt = patternAt.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Leftmost-longest, non-overlapping matches, ordered by position. */
    public List<Match> find(String text) {
        List<Match> chosen = new ArrayList<>();
        find(text, chosen::add);
        return chosen;
    }

    /**
     * Hands each leftmost-longest, non-overlapping match to {@code chosen}, in order of position, as the pass goes:
     * the matcher holds no more than the candidates within a pattern's length of the current position, so that a
     * text with millions of matches costs no more memory than one with a few.
     */
    public void find(String text, Consumer<Match> chosen) {
        // The longest valid match ending at each position, ordered by start, then longest first. A candidate is
        // decided once no later one can start at or before it: later ones end past the position, and no pattern is
        // longer than longestPattern.
        List<Match> pending = new ArrayList<>();
        int covered = 0;
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            state = next(state, fold(text.charAt(i)));
            Match longest = longestValidEndingAt(text, state, i + 1);
            if (longest != null) {
                insertInOrder(pending, longest);
            }
            covered = choose(pending, i + 2 - longestPattern, covered, chosen);
        }
        choose(pending, Integer.MAX_VALUE, covered, chosen);
    }

    private static void insertInOrder(List<Match> pending, Match match) {
        int at = pending.size();
        while (at > 0 && LEFTMOST_LONGEST.compare(pending.get(at - 1), match) > 0) {
            at--;
        }
        pending.add(at, match);
    }

    /** Decides the pending candidates that start before {@code before}, and returns where the chosen ones end. */
    private static int choose(List<Match> pending, int before, int covered, Consumer<Match> chosen) {
        int decided = 0;
        while (decided < pending.size() && pending.get(decided).start() < before) {
            Match m = pending.get(decided++);
            if (m.start() >= covered) {
                chosen.accept(m);
                covered = m.end();
            }
        }
        if (decided > 0) {
            pending.subList(0, decided).clear();
        }
        return covered;
    }

    private Match longestValidEndingAt(String text, int state, int end) {
        for (int node = patternEndingAt[state] >= 0 ? state : outputLink[state]; node > 0; node = outputLink[node]) {
            int pattern = patternEndingAt[node];
            int start = end - patternLengths[pattern];
            if ((!latinStart[pattern] || !isWordChar(text, start - 1))
                    && (!latinEnd[pattern] || !isWordChar(text, end))) {
                return new Match(start, end, pattern);
            }
        }
        return null;
    }

    /** The transition while matching: the edge table, following failure links. */
    private int next(int state, char c) {
        int child;
        while ((child = edges.child(state, c)) < 0 && state != 0) {
            state = fail[state];
        }
        return Math.max(child, 0);
    }

    /** The transition while linking, from the trie's maps. */
    private int step(int state, char c) {
        Integer next;
        while ((next = children.get(state).get(c)) == null && state != 0) {
            state = fail[state];
        }
        return next == null ? 0 : next;
    }

    private void insert(String pattern, int index) {
        int node = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = fold(pattern.charAt(i));
            Integer next = children.get(node).get(c);
            node = next != null ? next : addChild(node, c);
        }
        if (patternAt.get(node) < 0) {
            patternAt.set(node, index);
        }
        patternLengths[index] = pattern.length();
        latinStart[index] = isLatinWordChar(pattern.charAt(0));
        latinEnd[index] = isLatinWordChar(pattern.charAt(pattern.length() - 1));
    }

    /** Breadth-first: each node's failure link and the nearest proper suffix that ends a pattern. */
    private void link() {
        fail = new int[children.size()];
        outputLink = new int[children.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>(children.get(0).values());
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (Map.Entry<Character, Integer> edge : children.get(node).entrySet()) {
                int child = edge.getValue();
                int f = node == 0 ? 0 : step(fail[node], edge.getKey());
                fail[child] = f == child ? 0 : f;
                outputLink[child] = patternAt.get(fail[child]) >= 0 ? fail[child] : outputLink[fail[child]];
                queue.add(child);
            }
        }
    }

    private int newNode() {
        children.add(new HashMap<>(4));
        patternAt.add(-1);
        return children.size() - 1;
    }

    private int addChild(int parent, char c) {
        int child = newNode();
        children.get(parent).put(c, child);
        return child;
    }

    private static char fold(char c) {
        return Character.toLowerCase(c);
    }

    private static boolean isWordChar(String text, int index) {
        return index >= 0 && index < text.length() && isLatinWordChar(text.charAt(index));
    }

    private static boolean isLatinWordChar(char c) {
        return (c < 0x250 && Character.isLetterOrDigit(c));
    }

    /**
     * Every edge of the trie in one open-addressing table keyed by (node, character): a lookup is a few array reads,
     * where a map per node boxed the character and, at the root's thousands of CJK children, walked tree bins.
     */
    private static final class Edges {
        private final long[] keys;
        private final int[] targets;
        private final int mask;

        Edges(List<Map<Character, Integer>> children) {
            int count = children.stream().mapToInt(Map::size).sum();
            int capacity = Integer.highestOneBit(Math.max(count, 1) * 4 - 1) << 1;
            keys = new long[capacity];
            targets = new int[capacity];
            mask = capacity - 1;
            Arrays.fill(keys, -1L);
            for (int node = 0; node < children.size(); node++) {
                for (Map.Entry<Character, Integer> edge : children.get(node).entrySet()) {
                    int slot = slot(key(node, edge.getKey()));
                    keys[slot] = key(node, edge.getKey());
                    targets[slot] = edge.getValue();
                }
            }
        }

        /** The child of {@code node} by {@code c}, or -1. */
        int child(int node, char c) {
            long key = key(node, c);
            for (int slot = hash(key) & mask; keys[slot] != -1L; slot = (slot + 1) & mask) {
                if (keys[slot] == key) {
                    return targets[slot];
                }
            }
            return -1;
        }

        private int slot(long key) {
            int slot = hash(key) & mask;
            while (keys[slot] != -1L) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static long key(int node, char c) {
            return ((long) node << 16) | c;
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    /** A match of pattern {@code pattern} at {@code [start, end)} of the text. */
    public record Match(int start, int end, int pattern) {}
}
