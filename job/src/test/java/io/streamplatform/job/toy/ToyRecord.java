package io.streamplatform.job.toy;

import java.nio.charset.StandardCharsets;

/** The toy's record: {@code run,seq,word}. A Flink POJO. */
public final class ToyRecord {
    public String run;
    public long seq;
    public String word;

    public ToyRecord() {}

    ToyRecord(String run, long seq, String word) {
        this.run = run;
        this.seq = seq;
        this.word = word;
    }

    /** The record, or null when {@code value} is not {@code run,seq,word} with a number for seq. */
    static ToyRecord parse(byte[] value) {
        if (value == null) return null;
        String[] parts = new String(value, StandardCharsets.UTF_8).split(",", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) return null;
        try {
            return new ToyRecord(parts[0], Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    byte[] bytes() {
        return (run + "," + seq + "," + word).getBytes(StandardCharsets.UTF_8);
    }
}
