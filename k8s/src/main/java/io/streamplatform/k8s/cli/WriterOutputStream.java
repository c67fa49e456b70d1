package io.streamplatform.k8s.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Lets code that prints to a PrintStream write to picocli's (replaceable) output writer. UTF-8, line-buffered by callers. */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        buffer.write(b);
    }

    @Override
    public void flush() {
        writer.print(buffer.toString(StandardCharsets.UTF_8));
        writer.flush();
        buffer.reset();
    }
}
