package io.streamplatform.local;

import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.events.ParseResult;
import io.streamplatform.common.events.RunVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads the job's three outputs with read_committed into a {@link RunVerifier}. */
final class OutputReader implements AutoCloseable {
    private final TestTopics topics;
    private final RunVerifier verifier;
    private final CommittedReader reader;
    private final EventCodec codec = new EventCodec();

    OutputReader(TestTopics topics, RunVerifier verifier) {
        this.topics = topics;
        this.verifier = verifier;
        this.reader = new CommittedReader(List.of(topics.output(), topics.counts(), topics.dlq()), this::accept);
    }

    /** Polls until {@code done} holds or the deadline passes; returns whether it held. */
    boolean readUntil(BooleanSupplier done, Duration timeout) {
        return reader.readUntil(done, timeout);
    }

    /** Keeps reading for {@code period}, so late duplicates would still be counted. */
    void settle(Duration period) {
        reader.settle(period);
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        long now = System.currentTimeMillis();
        if (r.topic().equals(topics.output())) {
            ParseResult parsed = codec.parse(r.value());
            if (!parsed.isValid()) throw new AssertionError("the job wrote an invalid event: " + parsed.error());
            verifier.onNormalized(parsed.event(), now);
        } else if (r.topic().equals(topics.counts())) {
            verifier.onWindow(codec.decodeWindowCount(r.value()));
        } else {
            Header run = r.headers().lastHeader(Headers.RUN);
            if (run != null && verifier.run().equals(new String(run.value(), StandardCharsets.UTF_8))) verifier.onDeadLetter();
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
