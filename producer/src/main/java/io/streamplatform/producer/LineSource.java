package io.streamplatform.producer;

import io.streamplatform.common.catalogue.RecordGenerator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Reads lines (bytes up to '\n', a trailing '\r' dropped) and sends each one as-is, without key. A line counts as
 * valid if the job accepts it as input, otherwise as malformed; bytes are never re-encoded.
 */
final class LineSource implements RecordGenerator {
    private final InputStream in;
    private final Predicate<byte[]> accepted;
    private byte[] buf = new byte[8192];
    private byte[] value;
    private boolean valid;

    LineSource(InputStream in, Predicate<byte[]> accepted) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.accepted = accepted;
    }

    @Override
    public boolean next() throws IOException {
        int n = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (n == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[n++] = (byte) b;
        }
        if (b == -1 && n == 0) return false;
        if (n > 0 && buf[n - 1] == '\r') n--;
        value = Arrays.copyOf(buf, n);
        valid = accepted.test(value);
        return true;
    }

    @Override
    public byte[] key() {
        return null;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public boolean valid() {
        return valid;
    }
}
