package io.docmap.worker.mapping;

/**
 * Makes a text safe to send as JSON: an unpaired UTF-16 surrogate cannot be encoded as UTF-8, so it becomes
 * U+FFFD, as a decoder does with a broken byte sequence. Everything else, emoji and control characters included,
 * is sent as it is; JSON escapes what needs escaping.
 */
public final class WellFormedText {

    private static final char REPLACEMENT = '\uFFFD';

    private WellFormedText() {}

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        // Most texts have no surrogate at all: one comparison per character, and no copy.
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                if (!pairAt(text, i)) {
                    return repairedFrom(text, i);
                }
                i++;
            }
        }
        return text;
    }

    private static String repairedFrom(String text, int firstUnpaired) {
        StringBuilder repaired = new StringBuilder(text.length()).append(text, 0, firstUnpaired);
        for (int i = firstUnpaired; i < text.length(); i++) {
            if (pairAt(text, i)) {
                repaired.append(text, i, i + 2);
                i++;
            } else {
                char c = text.charAt(i);
                repaired.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return repaired.toString();
    }

    private static boolean pairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
