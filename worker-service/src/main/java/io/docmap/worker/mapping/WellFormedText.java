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
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append(REPLACEMENT);
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
