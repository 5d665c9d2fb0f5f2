package io.docmap.worker.client;

import java.util.Arrays;

/**
 * A text's UTF-8 bytes as the content of a JSON string, in one pass: quotes, backslashes and control characters are
 * escaped as Jackson escapes them, and each ill-formed sequence becomes U+FFFD exactly as the JDK's decoder replaces
 * it, so the mapper reads what a decoder of the column would. A utf8mb4 column can hold such a sequence: MariaDB
 * accepts UTF-8-encoded UTF-16 surrogates ({@code ED A0..BF xx}), which no UTF-8 decoder accepts, so one such text
 * would make the mapper refuse its whole batch. A text with nothing to change comes back as it is, not copied; one
 * with something copies the runs between the changes. One pass, where a check of the text, a scan for what to escape
 * and Jackson's escaping byte by byte took a sixth of the worker's CPU samples in scenario a. Both loops test each
 * byte inline: under C1, which the services run, a call per character made the pass slower than the three it replaces.
 */
public final class JsonText {

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final byte[] EMPTY = {};
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private JsonText() {}

    public static byte[] of(byte[] utf8) {
        if (utf8 == null) {
            return EMPTY;
        }
        int end = utf8.length;
        for (int i = 0; i < end; ) {
            byte b = utf8[i];
            if (b >= 0) {
                if (b < 0x20 || b == '"' || b == '\\') {
                    return changedFrom(utf8, i);
                }
                i++;
            } else {
                int length = sequenceAt(utf8, i);
                if (length < 0) {
                    return changedFrom(utf8, i);
                }
                i += length;
            }
        }
        return utf8;
    }

    private static byte[] changedFrom(byte[] utf8, int firstChange) {
        int end = utf8.length;
        byte[] out = new byte[end + (end >> 3) + 16];
        System.arraycopy(utf8, 0, out, 0, firstChange);
        int size = firstChange;
        int copied = firstChange;
        int i = firstChange;
        while (i < end) {
            byte b = utf8[i];
            int length;
            if (b >= 0) {
                if (b >= 0x20 && b != '"' && b != '\\') {
                    i++;
                    continue;
                }
                length = 0;
            } else {
                length = sequenceAt(utf8, i);
                if (length > 0) {
                    i += length;
                    continue;
                }
            }
            int run = i - copied;
            if (size + run + 6 > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + run + 6));
            }
            System.arraycopy(utf8, copied, out, size, run);
            size += run;
            if (length == 0) {
                size = escape(b, out, size);
                i++;
            } else {
                System.arraycopy(REPLACEMENT, 0, out, size, REPLACEMENT.length);
                size += REPLACEMENT.length;
                i -= length;
            }
            copied = i;
        }
        int run = end - copied;
        byte[] changed = Arrays.copyOf(out, size + run);
        System.arraycopy(utf8, copied, changed, size, run);
        return changed;
    }

    /** Writes JSON's escape of an ASCII byte at {@code at}, as Jackson writes it, and returns where it ends. */
    private static int escape(byte ascii, byte[] out, int at) {
        out[at++] = '\\';
        switch (ascii) {
            case '"', '\\' -> out[at++] = ascii;
            case '\n' -> out[at++] = 'n';
            case '\r' -> out[at++] = 'r';
            case '\t' -> out[at++] = 't';
            case '\b' -> out[at++] = 'b';
            case '\f' -> out[at++] = 'f';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[ascii >> 4];
                out[at++] = HEX[ascii & 0xF];
            }
        }
        return at;
    }

    /**
     * The length of the well-formed multi-byte sequence that starts at {@code i} (Unicode's table 3-7), or, when it
     * is ill-formed, minus the number of bytes one U+FFFD replaces: the longest prefix that could have begun a
     * sequence, at least one byte, or a whole encoded surrogate.
     */
    private static int sequenceAt(byte[] utf8, int i) {
        int lead = utf8[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            secondMin = lead == 0xE0 ? 0xA0 : secondMin;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            secondMin = lead == 0xF0 ? 0x90 : secondMin;
            secondMax = lead == 0xF4 ? 0x8F : secondMax;
        } else {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= utf8.length) {
                return -k;
            }
            int next = utf8[i + k] & 0xFF;
            if (next < (k == 1 ? secondMin : 0x80) || next > (k == 1 ? secondMax : 0xBF)) {
                return -k;
            }
        }
        return isEncodedSurrogate(utf8, i) ? -length : length;
    }

    /** ED A0..BF xx: the JDK's decoder replaces the three bytes with one U+FFFD, so this does too. */
    private static boolean isEncodedSurrogate(byte[] utf8, int i) {
        return (utf8[i] & 0xFF) == 0xED && (utf8[i + 1] & 0xFF) >= 0xA0;
    }
}
