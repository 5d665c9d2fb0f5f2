package io.docmap.worker.client;

import java.io.ByteArrayOutputStream;

/**
 * A text's UTF-8 bytes as the content of a JSON string, in one pass: quotes, backslashes and control characters are
 * escaped as Jackson escapes them, and each ill-formed sequence becomes U+FFFD exactly as the JDK's decoder replaces
 * it, so the mapper reads what a decoder of the column would. A utf8mb4 column can hold such a sequence: MariaDB
 * accepts UTF-8-encoded UTF-16 surrogates ({@code ED A0..BF xx}), which no UTF-8 decoder accepts, so one such text
 * would make the mapper refuse its whole batch. A text with nothing to change comes back as it is, not copied; one
 * with something copies the runs between the changes. One pass, where a check of the text, a scan for what to escape
 * and Jackson's escaping byte by byte took a sixth of the worker's CPU samples in scenario a.
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
        for (int i = 0; i < utf8.length; ) {
            int length = unchangedAt(utf8, i);
            if (length <= 0) {
                return changedFrom(utf8, i);
            }
            i += length;
        }
        return utf8;
    }

    private static byte[] changedFrom(byte[] utf8, int firstChange) {
        ByteArrayOutputStream changed = new ByteArrayOutputStream(utf8.length + 16);
        int copied = 0;
        int i = firstChange;
        while (i < utf8.length) {
            int length = unchangedAt(utf8, i);
            if (length > 0) {
                i += length;
                continue;
            }
            changed.write(utf8, copied, i - copied);
            if (length == 0) {
                escape(utf8[i], changed);
                i++;
            } else {
                changed.write(REPLACEMENT, 0, REPLACEMENT.length);
                i -= length;
            }
            copied = i;
        }
        changed.write(utf8, copied, utf8.length - copied);
        return changed.toByteArray();
    }

    /**
     * The length of the sequence at {@code i} when it stays as it is; 0 when it is a character JSON escapes; or, when
     * it is ill-formed, minus the number of bytes one U+FFFD replaces.
     */
    private static int unchangedAt(byte[] utf8, int i) {
        byte ascii = utf8[i];
        if (ascii >= 0) {
            return ascii < 0x20 || ascii == '"' || ascii == '\\' ? 0 : 1;
        }
        return sequenceAt(utf8, i);
    }

    /** JSON's short escapes where it has one, else {@code \}{@code u00XX}, as Jackson writes them. */
    private static void escape(byte ascii, ByteArrayOutputStream out) {
        out.write('\\');
        switch (ascii) {
            case '"', '\\' -> out.write(ascii);
            case '\n' -> out.write('n');
            case '\r' -> out.write('r');
            case '\t' -> out.write('t');
            case '\b' -> out.write('b');
            case '\f' -> out.write('f');
            default -> {
                out.write('u');
                out.write('0');
                out.write('0');
                out.write(HEX[ascii >> 4]);
                out.write(HEX[ascii & 0xF]);
            }
        }
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
