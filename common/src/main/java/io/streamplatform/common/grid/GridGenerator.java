package io.streamplatform.common.grid;

import io.streamplatform.common.Headers;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.GroundTruth;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The grid job's input: a simulated grid whose sensors ({@code s-000}.., ten per substation {@code sub-00}..) each
 * read once per simulated second, deterministic from the seed. The timeline ends about now (it starts the run's
 * estimated span ago; an unbounded run starts an hour ago) and never runs past the wall clock. Within a second the
 * readings come shuffled, with jitter, and a few are held back into the next second: up to 1.5 s out of order, within
 * the job's default 2 s {@code --out-of-orderness}.
 *
 * <p>The background signal never triggers a detection (voltage nominal ± 2 %, frequency ± 0.05 Hz, 30-60 °C, 100-300 A).
 * Every {@value #EPISODE_EVERY_S} simulated seconds after a {@value #WARM_UP_S} s warm-up an anomaly episode starts on a
 * sensor that had none in the last {@value #SENSOR_REST_S} s, cycling through {@link Injection}; each record of an
 * episode carries its ground truth ({@link Headers#ANOMALY}). A bounded run starts none in its last
 * {@value #QUIET_END_S} s, so each can end and be reported before the input does.
 *
 * <p>Malformed records ({@link MalformedPlan} over all record indexes) come on top of the readings and rotate through
 * not JSON, missing field, wrong type, impossible value and bad timestamp.
 */
public final class GridGenerator implements RecordGenerator {
    static final int WARM_UP_S = 30;
    static final int EPISODE_EVERY_S = 20;
    static final int SENSOR_REST_S = 120;
    /** The job's default silence timeout + episode gap + 60 s. */
    static final int QUIET_END_S = 30 + 30 + 60;
    static final int SILENCE_S = 45;
    static final long NOMINAL_VOLTAGE = 230_000;
    static final long NOMINAL_FREQUENCY = 50_000;
    static final int MALFORMED_KINDS = 5;

    /** The anomalies injected, in the order they cycle, with the detections each must cause. */
    enum Injection {
        SPIKE(List.of(GridDefinition.OVER_VOLTAGE), 1),
        SURGE(List.of(GridDefinition.OVER_VOLTAGE, GridDefinition.VOLTAGE_SURGE), 4),
        UNDER_VOLTAGE(List.of(GridDefinition.UNDER_VOLTAGE), 6),
        FREQUENCY(List.of(GridDefinition.FREQUENCY), 6),
        OVER_TEMPERATURE(List.of(GridDefinition.OVER_TEMPERATURE), 8),
        OVERLOAD(List.of(GridDefinition.OVERLOAD), 10),
        /** The last reading before and the first after the gap carry the header. */
        SILENCE(List.of(GridDefinition.SILENCE), SILENCE_S + 2);

        final List<String> kinds;
        /** Seconds from its first record to its last. */
        final int seconds;

        Injection(List<String> kinds, int seconds) {
            this.kinds = kinds;
            this.seconds = seconds;
        }
    }

    /** An episode under way on one sensor. */
    private static final class Episode {
        final long id;
        final Injection injection;
        final long startSec;
        final byte[] header;
        final boolean high;

        Episode(long id, Injection injection, long startSec, boolean high) {
            this.id = id;
            this.injection = injection;
            this.startSec = startSec;
            this.high = high;
            this.header = GroundTruth.header(id, injection.kinds);
        }
    }

    private static final class Pending {
        final int sensor;
        final Reading reading;
        final byte[] anomaly;

        Pending(int sensor, Reading reading, byte[] anomaly) {
            this.sensor = sensor;
            this.reading = reading;
            this.anomaly = anomaly;
        }
    }

    private final int sensors;
    private final MalformedPlan plan;
    private final boolean anyMalformed;
    private final Random random;
    private final LongSupplier clock;
    private final long startMs;
    /** Last second an episode may start in; Long.MAX_VALUE when unbounded. */
    private final long lastEpisodeSec;
    private final String[] names;
    private final String[] substations;
    private final byte[][] keys;
    private final long[] voltage, current, frequency, temperature;
    private final Episode[] episodes;
    private final long[] restUntil;
    private final ArrayDeque<Pending> batch = new ArrayDeque<>();
    private List<Pending> heldBack = new ArrayList<>();

    private long sec = -1;
    private long nextEpisodeId;
    private long index;
    private long malformedSoFar;
    private long latestTs;

    private byte[] key;
    private byte[] value;
    private long timestamp;
    private boolean valid;
    private Map<String, byte[]> headers = Map.of();

    public GridGenerator(GeneratorSettings s) {
        this(s, System::currentTimeMillis);
    }

    GridGenerator(GeneratorSettings s, LongSupplier clock) {
        if (s.keys() < 1) throw new IllegalArgumentException("the grid generator needs at least one sensor");
        this.sensors = s.keys();
        this.plan = new MalformedPlan(s.malformedFraction());
        this.anyMalformed = s.malformedFraction() > 0;
        this.random = new Random(s.seed());
        this.clock = clock;
        // A bounded run's span: its readings over the sensors, plus the seconds silenced sensors add (one silence in
        // every seven episodes, one episode every 20 s), so that the timeline ends about now without being clamped.
        long readingSec = s.count() > 0 ? (long) Math.ceil(plan.validIn(s.count()) / (double) sensors) : 0;
        long silences = readingSec / (EPISODE_EVERY_S * Injection.values().length) + 1;
        long spanSec = s.count() > 0 ? readingSec + (silences * SILENCE_S + sensors - 1) / sensors : 3600;
        this.startMs = (clock.getAsLong() / 1000 - spanSec - 1) * 1000;
        this.lastEpisodeSec = s.count() > 0 ? plan.validIn(s.count()) / sensors - QUIET_END_S : Long.MAX_VALUE;
        names = new String[sensors];
        substations = new String[sensors];
        keys = new byte[sensors][];
        voltage = new long[sensors];
        current = new long[sensors];
        frequency = new long[sensors];
        temperature = new long[sensors];
        episodes = new Episode[sensors];
        restUntil = new long[sensors];
        for (int i = 0; i < sensors; i++) {
            names[i] = String.format("s-%03d", i);
            substations[i] = String.format("sub-%02d", i / 10);
            keys[i] = names[i].getBytes(StandardCharsets.UTF_8);
            voltage[i] = NOMINAL_VOLTAGE + random.nextInt(6_001) - 3_000;
            current[i] = 120_000 + random.nextInt(160_001);
            frequency[i] = NOMINAL_FREQUENCY + random.nextInt(41) - 20;
            temperature[i] = 35_000 + random.nextInt(20_001);
        }
    }

    @Override
    public boolean next() {
        headers = Map.of();
        if (anyMalformed && plan.isMalformed(index++)) {
            int k = random.nextInt(sensors);
            key = keys[k];
            timestamp = Math.max(latestTs, startMs);
            value = malformed((int) (malformedSoFar++ % MALFORMED_KINDS), k, timestamp);
            valid = false;
            return true;
        }
        while (batch.isEmpty()) nextSecond();
        Pending p = batch.poll();
        Reading r = p.reading;
        key = keys[p.sensor];
        value = ReadingCodec.encode(r, r.ts % 7 == 0).getBytes(StandardCharsets.UTF_8);
        timestamp = r.ts;
        latestTs = Math.max(latestTs, r.ts);
        valid = true;
        if (p.anomaly != null) headers = Map.of(Headers.ANOMALY, p.anomaly);
        return true;
    }

    /** Plans the readings of the next simulated second: background drift, episodes, shuffle, jitter, hold-backs. */
    private void nextSecond() {
        sec++;
        maybeStartEpisode();
        long base = startMs + sec * 1000;
        long now = clock.getAsLong();
        List<Pending> out = new ArrayList<>(sensors + heldBack.size());
        out.addAll(heldBack);
        heldBack = new ArrayList<>();
        List<Pending> hold = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            drift(i);
            long jitter = random.nextInt(1000);
            Reading r = new Reading(names[i], substations[i], voltage[i], current[i], frequency[i], temperature[i], Math.min(base + jitter, now));
            byte[] anomaly = null;
            Episode e = episodes[i];
            if (e != null) {
                long step = sec - e.startSec;
                if (step >= e.injection.seconds) {
                    episodes[i] = null;
                } else {
                    if (e.injection == Injection.SILENCE && step > 0 && step < e.injection.seconds - 1) continue;
                    apply(e, step, r);
                    anomaly = e.header;
                }
            }
            Pending p = new Pending(i, r, anomaly);
            // A few readings late in their second are sent during the next one: at most 1.5 s out of order.
            if (jitter >= 500 && random.nextInt(20) == 0) hold.add(p);
            else out.add(p);
        }
        heldBack = hold;
        Collections.shuffle(out, random);
        batch.addAll(out);
    }

    private void maybeStartEpisode() {
        if (sec < WARM_UP_S || (sec - WARM_UP_S) % EPISODE_EVERY_S != 0 || sec > lastEpisodeSec) return;
        // A random sensor that has rested since its last episode; none rested (few sensors): no episode this time,
        // rather than two episodes close enough on one sensor to be one.
        int chosen = -1;
        int from = random.nextInt(sensors);
        for (int j = 0; j < sensors && chosen < 0; j++) {
            int i = (from + j) % sensors;
            if (restUntil[i] <= sec && episodes[i] == null) chosen = i;
        }
        if (chosen < 0) return;
        long id = nextEpisodeId++;
        Injection injection = Injection.values()[(int) (id % Injection.values().length)];
        episodes[chosen] = new Episode(id, injection, sec, random.nextBoolean());
        restUntil[chosen] = sec + injection.seconds + SENSOR_REST_S;
    }

    /** The background: a slow bounded random walk of each quantity. */
    private void drift(int i) {
        voltage[i] = clamp(voltage[i] + random.nextInt(401) - 200, NOMINAL_VOLTAGE - 4_600, NOMINAL_VOLTAGE + 4_600);
        current[i] = clamp(current[i] + random.nextInt(2_001) - 1_000, 100_000, 300_000);
        frequency[i] = clamp(frequency[i] + random.nextInt(11) - 5, NOMINAL_FREQUENCY - 50, NOMINAL_FREQUENCY + 50);
        temperature[i] = clamp(temperature[i] + random.nextInt(101) - 50, 30_000, 60_000);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Step {@code step} (0-based seconds) of an episode, applied to the sensor's reading. */
    private static void apply(Episode e, long step, Reading r) {
        switch (e.injection) {
            case SPIKE -> r.voltage = NOMINAL_VOLTAGE * 115 / 100;
            case SURGE -> r.voltage = NOMINAL_VOLTAGE * 113 / 100;
            case UNDER_VOLTAGE -> r.voltage = NOMINAL_VOLTAGE * 85 / 100;
            case FREQUENCY -> r.frequency = NOMINAL_FREQUENCY + (e.high ? 900 : -900);
            case OVER_TEMPERATURE -> r.temperature = 95_000;
            case OVERLOAD -> {
                r.temperature = 80_000;
                if (step >= e.injection.seconds - 4) r.current = 480_000;
            }
            case SILENCE -> { } // the bounding readings are ordinary; the sensor sends nothing in between
        }
    }

    /** A malformed record: 0 not JSON, 1 missing field, 2 wrong type, 3 impossible value, 4 bad timestamp. */
    private byte[] malformed(int kind, int sensor, long ts) {
        Reading r = new Reading(names[sensor], substations[sensor], voltage[sensor], current[sensor], frequency[sensor], temperature[sensor], ts);
        String json = ReadingCodec.encode(r, false);
        String bad = switch (kind) {
            case 0 -> "sensor=" + names[sensor] + " voltage=" + Fixed.format(r.voltage) + " (not json, #" + malformedSoFar + ")";
            case 1 -> json.replaceFirst(",\"frequency\":[^,]*", "");
            case 2 -> json.replaceFirst("\"current\":([^,]*)", "\"current\":\"$1 A\"");
            case 3 -> json.replaceFirst("\"voltage\":[^,]*", "\"voltage\":-" + Fixed.format(r.voltage));
            case 4 -> json.replaceFirst("\"ts\":\"[^\"]*\"", "\"ts\":\"yesterday at noon\"");
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        return bad.getBytes(StandardCharsets.UTF_8);
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
    public Long timestamp() {
        return timestamp;
    }

    @Override
    public Map<String, byte[]> headers() {
        return headers;
    }

    @Override
    public boolean valid() {
        return valid;
    }
}
