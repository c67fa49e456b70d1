package io.streamplatform.common.events;

import io.streamplatform.common.JsonText;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The events job's input generator. Generates the events of one run: valid events numbered seq 0..n-1 and malformed records chosen by the shared
 * {@link MalformedPlan} (so over n records exactly floor(n*f) are malformed, which a verifier can compute up front),
 * their kinds rotating through not JSON, missing field, wrong type, not UTF-8 and oversized. A malformed record never
 * consumes a seq and never carries a numeric seq field. Keys and texts come from a seeded random generator.
 */
public final class EventsGenerator implements RecordGenerator {
    static final int KINDS = 5;
    private static final String[] WORDS = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
        "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
        "xray", "yankee", "zulu", "stream", "event", "window", "kafka", "flink", "count"
    };
    private static final int TEXT_POOL = 256;
    private static final int KEY_CACHE_LIMIT = 1 << 20;

    private final String run;
    private final int keys;
    private final MalformedPlan plan;
    private final boolean anyMalformed;
    private final EventCodec codec = new EventCodec();
    private final Random random;
    private final String[] texts;
    private final String[] keyStrings;
    private final byte[][] keyBytes;
    private final Event event = new Event();
    private final String runJson;
    private byte[] oversized;

    private long index;
    private long nextSeq;
    private long timestamp;
    private long malformed;
    private byte[] key;
    private byte[] value;
    private boolean valid;

    public EventsGenerator(GeneratorSettings s) {
        this(s.run(), s.keys(), s.payloadBytes(), s.malformedFraction(), s.seed());
    }

    EventsGenerator(String run, int keys, int textBytes, double malformedFraction, long seed) {
        this.run = run;
        this.keys = keys;
        this.plan = new MalformedPlan(malformedFraction);
        this.anyMalformed = malformedFraction > 0;
        this.random = new Random(seed);
        this.runJson = JsonText.quote(run);
        this.texts = new String[TEXT_POOL];
        for (int i = 0; i < TEXT_POOL; i++) texts[i] = text(random, textBytes);
        int cached = Math.min(keys, KEY_CACHE_LIMIT);
        keyStrings = new String[cached];
        keyBytes = new byte[cached][];
        for (int i = 0; i < cached; i++) {
            keyStrings[i] = "key-" + i;
            keyBytes[i] = keyStrings[i].getBytes(StandardCharsets.UTF_8);
        }
        event.run = run;
    }

    @Override
    public boolean next() {
        int k = keys == 1 ? 0 : random.nextInt(keys);
        String keyString = k < keyStrings.length ? keyStrings[k] : "key-" + k;
        key = k < keyBytes.length ? keyBytes[k] : keyString.getBytes(StandardCharsets.UTF_8);
        String text = texts[random.nextInt(TEXT_POOL)];
        long now = System.currentTimeMillis();
        timestamp = now;
        if (anyMalformed && plan.isMalformed(index++)) {
            valid = false;
            value = malformed((int) (malformed % KINDS), keyString, now, text);
            malformed++;
        } else {
            valid = true;
            event.seq = nextSeq++;
            event.key = keyString;
            event.ts = now;
            event.text = text;
            value = codec.encode(event);
        }
        return true;
    }

    /** The event time, also used as the Kafka record timestamp: the job windows by record timestamp. */
    @Override
    public Long timestamp() {
        return timestamp;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public boolean valid() {
        return valid;
    }

    /** A malformed record of the given kind: 0 not JSON, 1 missing field, 2 wrong type, 3 not UTF-8, 4 oversized. */
    byte[] malformed(int kind, String keyString, long now, String text) {
        return switch (kind) {
            case 0 -> ("not json: run=" + run + " n=" + malformed + " " + text).getBytes(StandardCharsets.UTF_8);
            case 1 -> ("{\"run\":" + runJson + ",\"key\":" + JsonText.quote(keyString) + ",\"ts\":" + now
                    + ",\"text\":" + JsonText.quote(text) + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"run\":" + runJson + ",\"seq\":\"m" + malformed + "\",\"key\":" + JsonText.quote(keyString)
                    + ",\"ts\":" + now + ",\"text\":" + JsonText.quote(text) + "}").getBytes(StandardCharsets.UTF_8);
            case 3 -> notUtf8();
            case 4 -> oversized();
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    private byte[] notUtf8() {
        byte[] head = ("{\"run\":" + runJson + ",\"text\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + bad.length + tail.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }

    /** Larger than the job's default 64 KiB limit; even without the limit it lacks seq and ts. */
    private byte[] oversized() {
        if (oversized == null) {
            byte[] head = ("{\"run\":" + runJson + ",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
            int pad = EventCodec.DEFAULT_MAX_BYTES + 1024;
            byte[] out = new byte[head.length + pad + tail.length];
            System.arraycopy(head, 0, out, 0, head.length);
            Arrays.fill(out, head.length, head.length + pad, (byte) 'x');
            System.arraycopy(tail, 0, out, head.length + pad, tail.length);
            oversized = out;
        }
        return oversized;
    }

    static String text(Random random, int length) {
        if (length == 0) return "";
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        sb.setLength(length);
        if (sb.charAt(length - 1) == ' ') sb.setCharAt(length - 1, 'a');
        return sb.toString();
    }
}
