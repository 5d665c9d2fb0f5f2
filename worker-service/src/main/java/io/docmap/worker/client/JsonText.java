package io.docmap.worker.client;

import java.io.ByteArrayOutputStream;

/**
 * Makes a text's UTF-8 bytes safe to send as JSON. Each ill-formed sequence becomes U+FFFD exactly as the JDK's
 * decoder replaces it, so the mapper reads what a decoder of the column would. A utf8mb4 column can hold such a
 * sequence: MariaDB accepts UTF-8-encoded UTF-16 surrogates ({@code ED A0..BF xx}), which no UTF-8 decoder accepts,
 * so one such text would make the mapper refuse its whole batch. Well-formed text, emoji and control characters
 * included, comes back as it is, not copied; JSON escapes what needs escaping.
 */
public final class JsonText {

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final byte[] EMPTY = {};

    private JsonText() {}

    public static byte[] of(byte[] utf8) {
        if (utf8 == null) {
            return EMPTY;
        }
        for (int i = 0; i < utf8.length; ) {
            int length = sequenceAt(utf8, i);
            if (length < 0) {
                return repairedFrom(utf8, i);
            }
            i += length;
        }
        return utf8;
    }

    private static byte[] repairedFrom(byte[] utf8, int firstIllFormed) {
        ByteArrayOutputStream repaired = new ByteArrayOutputStream(utf8.length + 16);
        repaired.write(utf8, 0, firstIllFormed);
        for (int i = firstIllFormed; i < utf8.length; ) {
            int length = sequenceAt(utf8, i);
            if (length > 0) {
                repaired.write(utf8, i, length);
                i += length;
            } else {
                repaired.write(REPLACEMENT, 0, REPLACEMENT.length);
                i -= length;
            }
        }
        return repaired.toByteArray();
    }

    /**
     * The length of the well-formed sequence that starts at {@code i} (Unicode's table 3-7), or, when it is
     * ill-formed, minus the number of bytes one U+FFFD replaces: the longest prefix that could have begun a
     * sequence, at least one byte, or a whole encoded surrogate.
     */
    private static int sequenceAt(byte[] utf8, int i) {
        int lead = utf8[i] & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
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
