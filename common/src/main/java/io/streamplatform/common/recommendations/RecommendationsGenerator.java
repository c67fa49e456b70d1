package io.streamplatform.common.recommendations;

import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The recommendations job's input, deterministic from the seed: first the initial catalogue ({@value #INITIAL_VIDEOS}
 * videos in eight categories, to the {@code videos} topic), then users' watch sessions ({@code u-0000}.. = the
 * settings' keys; each user has two favourite categories) merged in event-time order with catalogue changes every
 * {@value #CHANGE_EVERY_MIN} simulated minutes (alternately a new video and a video moving to another category).
 *
 * <ul>
 *   <li>A session is 2-5 events of one video (play, then seek/pause/play at growing positions, often ending in
 *       complete), 5-40 s apart; sessions about a minute apart. Event times go backwards by up to 1.5 s
 *       (within the job's default 2 s out-of-orderness).</li>
 *   <li>No session of a video starts within {@value #CLEAR_MIN} minutes of the video's appearance or change: whichever way
 *       the job's two sources are read relative to each other (by less than that much event time), a watch sees
 *       the catalogue version in effect at its own time, and no window of up to 30 minutes holds watches of two
 *       versions.</li>
 *   <li>One session in a hundred is of a video that is never in the catalogue ({@code v-gone-NN}).</li>
 *   <li>When the run spans at least five hours, every fifth user pauses for {@value #IDLE_MIN} minutes (past the default
 *       2 h user TTL, so the job forgets and restarts them) and every seventh stops for good between half and 80 % of
 *       the timeline.</li>
 *   <li>Malformed records ({@link MalformedPlan} over all record indexes) rotate through: watch not JSON, watch
 *       without video, watch with an unknown action, watch with a textual position, catalogue record without
 *       category, catalogue record of duration 0 (the last two to the catalogue topic).</li>
 * </ul>
 * A bounded run's timeline ends before now; an unbounded one starts an hour ago. No record is stamped later than the
 * wall clock (an unbounded run that catches up with it carries on at "now", as the grid generator's does).
 */
public final class RecommendationsGenerator implements RecordGenerator {
    public static final List<String> CATEGORIES = List.of("comedy", "documentary", "drama", "kids", "music", "news", "sports", "tech");
    static final int INITIAL_VIDEOS = 300;
    static final int CHANGE_EVERY_MIN = 15;
    static final int CLEAR_MIN = 40;
    static final int IDLE_MIN = 150;
    static final long CLEAR_MS = CLEAR_MIN * 60_000L;
    static final long MAX_DISORDER_MS = 1_500;
    /** About how far apart one user's events are (session gaps included): sets a bounded run's span. */
    static final long MS_PER_USER_EVENT = 33_000;
    static final int UNKNOWN_VIDEOS = 20;
    static final int MALFORMED_KINDS = 6;
    private static final String[] WORDS = {"night", "trains", "of", "europe", "kitchen", "secrets", "deep", "ocean", "live", "final",
            "city", "lights", "how", "to", "build", "a", "robot", "little", "bear", "world", "cup", "weekly", "brief", "jazz", "hour"};

    private static final class Plan {
        final String id;
        final long appearsAt;
        final List<Long> changes = new ArrayList<>();
        String category;
        final String title;
        final long durationMs;

        Plan(String id, long appearsAt, String category, String title, long durationMs) {
            this.id = id;
            this.appearsAt = appearsAt;
            this.category = category;
            this.title = title;
            this.durationMs = durationMs;
        }

        boolean availableAt(long t) {
            if (t < appearsAt + CLEAR_MS) return false;
            for (long c : changes) if (Math.abs(c - t) < CLEAR_MS) return false;
            return true;
        }
    }

    private record Change(long at, int video, String category) {}

    private final int users;
    private final MalformedPlan plan;
    private final boolean anyMalformed;
    private final Random random;
    private final long startMs;
    private final LongSupplier clock;
    private final List<Plan> videos = new ArrayList<>();
    private final List<List<Integer>> byCategory = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private int nextChange;
    private final String[] userIds;
    private final byte[][] userKeys;
    private final int[][] favourites;
    private final long[] nextTs;
    private final long[] breakAt;
    private final long[] stopAt;
    private final PriorityQueue<Integer> due;
    // a user's session under way
    private final String[] sessionVideo;
    private final long[] sessionDuration;
    private final long[] sessionPosition;
    private final int[] sessionLeft;

    private long index;
    private long malformedSoFar;
    private int initialSent;
    private long latestTs;

    private byte[] key;
    private byte[] value;
    private long timestamp;
    private boolean valid;
    private String role;

    public RecommendationsGenerator(GeneratorSettings s) {
        this(s, System::currentTimeMillis);
    }

    RecommendationsGenerator(GeneratorSettings s, LongSupplier clock) {
        if (s.keys() < 1) throw new IllegalArgumentException("the recommendations generator needs at least one user");
        users = s.keys();
        plan = new MalformedPlan(s.malformedFraction());
        anyMalformed = s.malformedFraction() > 0;
        random = new Random(s.seed());
        long watches = s.count() > 0 ? Math.max(0, plan.validIn(s.count()) - INITIAL_VIDEOS) : 0;
        long spanMs = s.count() > 0 ? Math.max(60_000, watches * MS_PER_USER_EVENT / users) : 3_600_000;
        // Idle and stopped users stretch the timeline by up to about a tenth: start early enough that it ends before now.
        this.clock = clock;
        startMs = (clock.getAsLong() - spanMs - spanMs / 4) / 1000 * 1000;
        for (int c = 0; c < CATEGORIES.size(); c++) byCategory.add(new ArrayList<>());
        for (int i = 0; i < INITIAL_VIDEOS; i++) addVideo(Long.MIN_VALUE / 2, CATEGORIES.get(random.nextInt(CATEGORIES.size())));
        // The catalogue's changes over the whole timeline (and an hour past it), planned up front so sessions keep clear of them.
        for (long k = 0, at = startMs + 30 * 60_000L; at < startMs + spanMs + 3_600_000L; k++, at += CHANGE_EVERY_MIN * 60_000L) {
            if (k % 2 == 0) {
                int v = videos.size();
                Plan p = new Plan(String.format("v-%04d", v), at, CATEGORIES.get(random.nextInt(CATEGORIES.size())), title(), duration());
                videos.add(p);
                changes.add(new Change(at, v, p.category));
            } else {
                int v = random.nextInt(videos.size());
                Plan p = videos.get(v);
                boolean recent = at < p.appearsAt + 2 * CLEAR_MS || (!p.changes.isEmpty() && at < p.changes.get(p.changes.size() - 1) + 2 * CLEAR_MS);
                if (recent) continue;
                String now = categoryAt(v, at);
                String next;
                do next = CATEGORIES.get(random.nextInt(CATEGORIES.size())); while (next.equals(now));
                p.changes.add(at);
                changes.add(new Change(at, v, next));
            }
        }
        userIds = new String[users];
        userKeys = new byte[users][];
        favourites = new int[users][2];
        nextTs = new long[users];
        breakAt = new long[users];
        stopAt = new long[users];
        sessionVideo = new String[users];
        sessionDuration = new long[users];
        sessionPosition = new long[users];
        sessionLeft = new int[users];
        due = new PriorityQueue<>(users, (a, b) -> nextTs[a] != nextTs[b] ? Long.compare(nextTs[a], nextTs[b]) : Integer.compare(a, b));
        boolean idlers = spanMs >= 2L * IDLE_MIN * 60_000L;
        for (int u = 0; u < users; u++) {
            userIds[u] = String.format("u-%04d", u);
            userKeys[u] = userIds[u].getBytes(StandardCharsets.UTF_8);
            favourites[u][0] = random.nextInt(CATEGORIES.size());
            favourites[u][1] = (favourites[u][0] + 1 + random.nextInt(CATEGORIES.size() - 1)) % CATEGORIES.size();
            nextTs[u] = startMs + random.nextInt(60_000);
            breakAt[u] = idlers && u % 5 == 0 ? startMs + (long) (spanMs * (0.15 + 0.3 * random.nextDouble())) : Long.MAX_VALUE;
            stopAt[u] = idlers && u % 7 == 3 ? startMs + (long) (spanMs * (0.5 + 0.3 * random.nextDouble())) : Long.MAX_VALUE;
            due.add(u);
        }
    }

    private void addVideo(long appearsAt, String category) {
        Plan p = new Plan(String.format("v-%04d", videos.size()), appearsAt, category, title(), duration());
        byCategory.get(CATEGORIES.indexOf(category)).add(videos.size());
        videos.add(p);
    }

    /** The category video {@code v} is planned to have at {@code t}. */
    private String categoryAt(int v, long t) {
        String c = videos.get(v).category;
        for (Change ch : changes) if (ch.video == v && ch.at <= t) c = ch.category;
        return c;
    }

    private String title() {
        int n = 2 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(i > 0 ? " " : "").append(WORDS[random.nextInt(WORDS.length)]);
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }

    private long duration() {
        return (120 + random.nextInt(3_480)) * 1000L;
    }

    @Override
    public boolean next() {
        if (anyMalformed && plan.isMalformed(index++)) {
            malformed((int) (malformedSoFar++ % MALFORMED_KINDS));
            return true;
        }
        valid = true;
        if (initialSent < INITIAL_VIDEOS) {
            catalogue(videos.get(initialSent++), startMs - 60_000);
            return true;
        }
        if (due.isEmpty()) return false; // every user stopped
        long now = clock.getAsLong();
        if (nextChange < changes.size() && (due.isEmpty() || changes.get(nextChange).at <= nextTs[due.peek()])) {
            Change c = changes.get(nextChange++);
            Plan p = videos.get(c.video);
            if (p.appearsAt != c.at) byCategory.get(CATEGORIES.indexOf(p.category)).remove(Integer.valueOf(c.video));
            p.category = c.category;
            byCategory.get(CATEGORIES.indexOf(p.category)).add(c.video);
            catalogue(p, Math.min(c.at, now));
            return true;
        }
        int u = due.poll();
        watch(u, Math.min(nextTs[u], now));
        return true;
    }

    private void catalogue(Plan p, long at) {
        role = RecommendationsDefinition.VIDEOS.role();
        key = p.id.getBytes(StandardCharsets.UTF_8);
        value = WatchCodec.encode(new Video(p.id, p.title, p.category, p.durationMs));
        timestamp = at;
        latestTs = Math.max(latestTs, at);
    }

    /** User {@code u}'s next event, due at {@code t}; then schedules the one after. */
    private void watch(int u, long t) {
        String action;
        if (sessionLeft[u] == 0) {
            startSession(u, t);
            action = Watch.PLAY;
            sessionPosition[u] = 0;
        } else if (sessionLeft[u] == 1 && random.nextInt(10) < 4) {
            action = Watch.COMPLETE;
            sessionPosition[u] = sessionDuration[u];
        } else {
            int r = random.nextInt(3);
            action = r == 0 ? Watch.SEEK : r == 1 ? Watch.PAUSE : Watch.PLAY;
            sessionPosition[u] = action.equals(Watch.SEEK) ? (long) (random.nextDouble() * sessionDuration[u])
                    : Math.min(sessionDuration[u], sessionPosition[u] + 5_000 + random.nextInt(120_000));
        }
        long ts = t - random.nextInt((int) MAX_DISORDER_MS + 1);
        role = null;
        key = userKeys[u];
        value = WatchCodec.encode(new Watch(userIds[u], sessionVideo[u], action, sessionPosition[u], ts));
        timestamp = ts;
        latestTs = Math.max(latestTs, ts);
        long next = --sessionLeft[u] > 0 ? t + 5_000 + random.nextInt(35_001) : t + 1_000 + (long) Math.min(600_000, -60_000 * Math.log(1 - random.nextDouble()));
        if (next >= breakAt[u] && sessionLeft[u] == 0) {
            next = breakAt[u] + IDLE_MIN * 60_000L;
            breakAt[u] = Long.MAX_VALUE;
        }
        if (next >= stopAt[u] && sessionLeft[u] == 0) return;
        nextTs[u] = next;
        due.add(u);
    }

    private void startSession(int u, long t) {
        sessionLeft[u] = 2 + random.nextInt(4);
        if (random.nextInt(100) == 0) {
            sessionVideo[u] = String.format("v-gone-%02d", random.nextInt(UNKNOWN_VIDEOS));
            sessionDuration[u] = 600_000;
            return;
        }
        int category = random.nextInt(10) < 7 ? favourites[u][random.nextInt(2)] : random.nextInt(CATEGORIES.size());
        List<Integer> in = byCategory.get(category);
        Plan chosen = null;
        for (int attempt = 0; attempt < 10 && chosen == null && !in.isEmpty(); attempt++) {
            Plan p = videos.get(in.get(random.nextInt(in.size())));
            if (p.availableAt(t)) chosen = p;
        }
        for (int i = random.nextInt(videos.size()), n = 0; chosen == null && n < videos.size(); i = (i + 1) % videos.size(), n++) {
            Plan p = videos.get(i);
            if (p.appearsAt <= t && p.availableAt(t)) chosen = p;
        }
        if (chosen == null) throw new IllegalStateException("no video available at " + t);
        sessionVideo[u] = chosen.id;
        sessionDuration[u] = chosen.durationMs;
    }

    /** A malformed record: 0 not JSON, 1 no video, 2 unknown action, 3 textual position (watches); 4 no category, 5 duration 0 (catalogue). */
    private void malformed(int kind) {
        valid = false;
        timestamp = Math.max(latestTs, startMs - 60_000);
        int u = random.nextInt(users);
        String user = userIds[u];
        if (kind >= 4) {
            role = RecommendationsDefinition.VIDEOS.role();
            String id = "v-bad-" + malformedSoFar;
            key = id.getBytes(StandardCharsets.UTF_8);
            String json = kind == 4 ? "{\"video\":\"" + id + "\",\"title\":\"Untitled\",\"duration_ms\":60000}"
                    : "{\"video\":\"" + id + "\",\"title\":\"Untitled\",\"category\":\"news\",\"duration_ms\":0}";
            value = json.getBytes(StandardCharsets.UTF_8);
            return;
        }
        role = null;
        key = userKeys[u];
        String json = switch (kind) {
            case 0 -> "user=" + user + " played v-0001 (not json, #" + malformedSoFar + ")";
            case 1 -> "{\"user\":\"" + user + "\",\"action\":\"play\",\"position_ms\":0,\"ts\":" + timestamp + "}";
            case 2 -> "{\"user\":\"" + user + "\",\"video\":\"v-0001\",\"action\":\"rewind\",\"position_ms\":0,\"ts\":" + timestamp + "}";
            case 3 -> "{\"user\":\"" + user + "\",\"video\":\"v-0001\",\"action\":\"seek\",\"position_ms\":\"12s\",\"ts\":" + timestamp + "}";
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        value = json.getBytes(StandardCharsets.UTF_8);
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
    public String role() {
        return role;
    }

    @Override
    public boolean valid() {
        return valid;
    }
}
