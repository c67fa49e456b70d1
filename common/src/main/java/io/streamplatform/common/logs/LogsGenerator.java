package io.streamplatform.common.logs;

import io.streamplatform.common.Headers;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.GroundTruth;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The logs job's input: the access logs of up to {@value #MAX_SERVICES} services (as many as the run's keys), half
 * as combined-format lines keyed by service, half as JSON lines.
 *
 * <p>Traffic runs on a simulated clock that ends about now: {@value #REQUESTS_PER_SERVICE} requests per second per
 * service on average, each service with its own weight, the total rising and falling over a
 * {@link #CYCLE_MS 30-minute} "day"; latencies long-tailed (log-normal, median 40 ms, capped at 800 ms); 0.5 % of
 * responses 5xx. From minute 3, every 7 simulated minutes one service gets a 5-minute episode, alternately an error
 * burst (30 % of its responses 5xx) and a latency spike (latencies ×20); each of its records carries the episode in
 * the {@code anomaly} header (ground truth). Outside episodes no alert can fire with the default thresholds; inside
 * one, the alert must. With a known record count no episode starts within 4 minutes of the end.
 *
 * <p>Malformed records (chosen by {@link MalformedPlan}) rotate through: not a log line, status 999, a negative
 * latency, an unparsable timestamp, a truncated line.
 */
public final class LogsGenerator implements RecordGenerator {
    static final int MAX_SERVICES = 12;
    static final double REQUESTS_PER_SERVICE = 5;
    static final long CYCLE_MS = 30 * 60_000L;
    static final double CYCLE_AMPLITUDE = 0.6;
    static final long WARM_UP_MS = 3 * 60_000L;
    static final long EPISODE_EVERY_MS = 7 * 60_000L;
    static final long EPISODE_MS = 5 * 60_000L;
    static final long QUIET_END_MS = 4 * 60_000L;
    static final double BURST_ERROR_SHARE = 0.3;
    static final int SPIKE_FACTOR = 20;
    static final long LATENCY_CAP_MICROS = 800_000;
    private static final String[] NAMES = {
        "checkout", "cart", "catalog", "search", "payments", "auth", "inventory", "shipping", "reviews", "profile", "gateway", "media"
    };
    private static final String[] RESOURCES = {"list", "detail", "create", "update", "status", "export"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", "Mozilla/5.0 (Macintosh) Safari/605.1.15", "okhttp/4.12.0", "curl/8.11.0"
    };
    private static final int[] OK = {200, 200, 200, 200, 201, 204};
    private static final int[] REDIRECT = {301, 302, 304};
    private static final int[] CLIENT_ERROR = {400, 401, 403, 404, 404, 429};
    private static final int[] SERVER_ERROR = {500, 502, 503, 504};
    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String run;
    private final String[] services;
    private final byte[][] serviceKeys;
    private final double[] cumulativeWeight;
    private final double requestsPerSecond;
    private final MalformedPlan plan;
    private final boolean anyMalformed;
    private final long seed;
    private final Random random;
    private final long t0;
    private final long lastEpisodeStart;

    /** The last episode asked about and its service: {@link #episodeService} is asked for every record. */
    private final long[] serviceOfEpisode = {-1, 0};
    private double clock;
    private long index;
    private long malformed;
    private byte[] key;
    private byte[] value;
    private long timestamp;
    private boolean valid;
    private Map<String, byte[]> headers = Map.of();

    public LogsGenerator(GeneratorSettings s) {
        this(s, System.currentTimeMillis());
    }

    LogsGenerator(GeneratorSettings s, long now) {
        this.run = s.run();
        int n = Math.max(1, Math.min(MAX_SERVICES, s.keys()));
        this.services = new String[n];
        this.serviceKeys = new byte[n][];
        this.cumulativeWeight = new double[n];
        this.seed = s.seed();
        this.random = new Random(s.seed());
        double total = 0;
        for (int i = 0; i < n; i++) {
            services[i] = NAMES[i];
            serviceKeys[i] = NAMES[i].getBytes(StandardCharsets.UTF_8);
            total += 0.5 + random.nextDouble();
            cumulativeWeight[i] = total;
        }
        for (int i = 0; i < n; i++) cumulativeWeight[i] /= total;
        this.requestsPerSecond = n * REQUESTS_PER_SERVICE;
        this.plan = new MalformedPlan(s.malformedFraction());
        this.anyMalformed = s.malformedFraction() > 0;
        if (s.count() > 0) {
            long span = span(plan.validIn(s.count()), requestsPerSecond);
            this.t0 = now - span - 60_000;
            this.lastEpisodeStart = t0 + span - QUIET_END_MS - EPISODE_MS;
        } else {
            this.t0 = now - 3_600_000;
            this.lastEpisodeStart = Long.MAX_VALUE;
        }
        this.clock = t0;
    }

    /** Simulated milliseconds {@code records} requests take at {@code perSecond} on average, through the daily cycle. */
    static long span(long records, double perSecond) {
        double lo = 0, hi = 1e15;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (requestsIn(mid, perSecond) < records) lo = mid;
            else hi = mid;
        }
        return (long) Math.ceil(hi);
    }

    /** Requests the rate function yields in the first {@code ms} of the timeline: its integral. */
    static double requestsIn(double ms, double perSecond) {
        double w = 2 * Math.PI / CYCLE_MS;
        return perSecond / 1000 * (ms + CYCLE_AMPLITUDE * (1 - Math.cos(w * ms)) / w);
    }

    private double ratePerMs(double at) {
        return requestsPerSecond / 1000 * (1 + CYCLE_AMPLITUDE * Math.sin(2 * Math.PI * (at - t0) / CYCLE_MS));
    }

    @Override
    public boolean next() {
        long now = System.currentTimeMillis();
        int s = pickService();
        key = serviceKeys[s];
        if (anyMalformed && plan.isMalformed(index++)) {
            valid = false;
            headers = Map.of();
            timestamp = Math.min((long) clock, now);
            value = malformed((int) (malformed++ % 5), services[s], timestamp);
            return true;
        }
        valid = true;
        clock += 1 / ratePerMs(clock);
        long ts = Math.min((long) clock, now);
        long episode = episodeAt(ts, s);
        boolean errorBurst = episode >= 0 && episode % 2 == 0;
        boolean latencySpike = episode >= 0 && episode % 2 == 1;
        headers = episode < 0 ? Map.of()
                : Map.of(Headers.ANOMALY, GroundTruth.header(episode, List.of(errorBurst ? LogsDefinition.ERROR_RATE : LogsDefinition.LATENCY)));
        int status = errorBurst && random.nextDouble() < BURST_ERROR_SHARE ? pick(SERVER_ERROR) : backgroundStatus();
        long latency = Math.min(LATENCY_CAP_MICROS, Math.round(Math.exp(Math.log(40_000) + 0.7 * random.nextGaussian())));
        if (latencySpike) latency *= SPIKE_FACTOR;
        String path = "/api/" + services[s] + "/" + RESOURCES[random.nextInt(RESOURCES.length)];
        String method = path.endsWith("create") || path.endsWith("update") ? "POST" : "GET";
        if (random.nextBoolean()) {
            timestamp = ts / 1000 * 1000; // the combined format has whole seconds
            value = combined(timestamp, method, path, status, latency / 1000 * 1000, "").getBytes(StandardCharsets.UTF_8);
        } else {
            timestamp = ts;
            value = json(Instant.ofEpochMilli(ts).toString(), services[s], status, tenthsOfMs(latency / 100 * 100), path, method)
                    .getBytes(StandardCharsets.UTF_8);
        }
        return true;
    }

    /** The episode of service {@code s} at {@code ts}, or -1: episode k starts at t0 + warm-up + k·7 min on a seeded service. */
    long episodeAt(long ts, int s) {
        long since = ts - t0 - WARM_UP_MS;
        if (since < 0) return -1;
        long k = since / EPISODE_EVERY_MS;
        long start = t0 + WARM_UP_MS + k * EPISODE_EVERY_MS;
        if (ts >= start + EPISODE_MS || start > lastEpisodeStart) return -1;
        return episodeService(k) == s ? k : -1;
    }

    int episodeService(long k) {
        if (k != serviceOfEpisode[0]) {
            serviceOfEpisode[0] = k;
            serviceOfEpisode[1] = new Random(seed * 1_000_003 + k).nextInt(services.length);
        }
        return (int) serviceOfEpisode[1];
    }

    private int pickService() {
        double r = random.nextDouble();
        for (int i = 0; i < cumulativeWeight.length; i++) if (r < cumulativeWeight[i]) return i;
        return cumulativeWeight.length - 1;
    }

    private int backgroundStatus() {
        double r = random.nextDouble();
        if (r < 0.005) return pick(SERVER_ERROR);
        if (r < 0.055) return pick(CLIENT_ERROR);
        if (r < 0.095) return pick(REDIRECT);
        if (r < 0.096) return 101;
        return pick(OK);
    }

    private int pick(int[] from) {
        return from[random.nextInt(from.length)];
    }

    private String combined(long ts, String method, String path, int status, long latencyMicros, String suffix) {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)) + " - - ["
                + TIME_LOCAL.format(Instant.ofEpochMilli(ts)) + "] \"" + method + " " + path + "?page=" + random.nextInt(5) + " HTTP/1.1\" "
                + status + " " + (200 + random.nextInt(40_000)) + " \"-\" \"" + AGENTS[random.nextInt(AGENTS.length)] + "\" "
                + seconds(latencyMicros) + suffix;
    }

    private static String json(String ts, String service, int status, String latencyMs, String path, String method) {
        return "{\"ts\":\"" + ts + "\",\"service\":\"" + service + "\",\"level\":\"" + (status >= 500 ? "error" : status >= 400 ? "warn" : "info")
                + "\",\"status\":" + status + ",\"latency_ms\":" + latencyMs + ",\"path\":\"" + path + "\",\"method\":\"" + method + "\"}";
    }

    /** NGINX's $request_time: seconds with three decimals. */
    private static String seconds(long micros) {
        long ms = micros / 1000;
        return ms / 1000 + "." + String.format("%03d", ms % 1000);
    }

    private static String tenthsOfMs(long micros) {
        long tenths = micros / 100;
        return tenths / 10 + "." + tenths % 10;
    }

    /** A malformed record of the given kind: 0 not a log line, 1 status 999, 2 negative latency, 3 bad timestamp, 4 truncated. */
    private byte[] malformed(int kind, String service, long ts) {
        String line = switch (kind) {
            case 0 -> "kernel: eth0: link up, 1000 Mbps full duplex (run " + run + ", " + malformed + ")";
            case 1 -> combined(ts, "GET", "/api/" + service + "/list", 999, 12_000, "");
            case 2 -> json(Instant.ofEpochMilli(ts).toString(), service, 200, "-3.5", "/api/" + service + "/list", "GET");
            case 3 -> json("yesterday at noon", service, 200, "12.0", "/api/" + service + "/list", "GET");
            case 4 -> {
                String full = combined(ts, "GET", "/api/" + service + "/detail", 200, 12_000, "");
                yield full.substring(0, full.length() / 2);
            }
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        return line.getBytes(StandardCharsets.UTF_8);
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
