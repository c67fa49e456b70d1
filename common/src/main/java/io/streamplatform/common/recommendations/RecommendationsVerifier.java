package io.streamplatform.common.recommendations;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Proves a run of the recommendations job from its topics, by a plain batch recomputation of the README's algorithm
 * that shares no code with the job:
 * <ul>
 *   <li>input: the run's watches and catalogue records read back (their {@code run} header); each watch joined with
 *       the catalogue version in effect at its event time (the latest record of its video with a timestamp at or
 *       before it); a watch with none is an unknown-video dead letter;</li>
 *   <li>per user and window: engagement (max permille per video), co-watch counts, the decayed profile, TTL resets,
 *       the watched set, the scored candidates and the top-K; a list is expected whenever it differs from the last;</li>
 *   <li>the job's lists must be exactly those (per user and window: missing, wrong, extra, duplicated), so the final
 *       list of every user is exact; no list may hold a video the user watched since their state last began;</li>
 *   <li>dead letters: exactly the run's malformed records plus the unknown-video watches; none late.</li>
 * </ul>
 */
final class RecommendationsVerifier implements Verifier {
    private static final int SHOWN = 3;

    private final RunFacts facts;
    private final byte[] run;
    private final long windowMs;
    private final long ttlMs;
    private final double halfLifeMs;
    private final int topK;
    private final WatchCodec codec = new WatchCodec(Integer.MAX_VALUE);

    private final List<Watch> watches = new ArrayList<>();
    private final Map<String, TreeMap<Long, Video>> catalogue = new HashMap<>();
    private long catalogueRecords;
    private long malformedInput;
    private long foreign;
    private long deadLetters;
    private long unknownDeadLetters;
    private long late;

    private final Map<UserWindow, List<Recommendation>> received = new HashMap<>();
    private final Map<String, Recommendation> lastReceived = new HashMap<>();
    private long lists;
    private long notLists;

    private Model model;
    private long modelInput = -1;

    record UserWindow(String user, long windowEnd) {}

    /** What the recomputation expects. */
    static final class Model {
        final Map<UserWindow, Recommendation> lists = new HashMap<>();
        final Map<String, Recommendation> finalLists = new HashMap<>();
        /** Per user and window, the videos the user had watched since their state last began, after that window. */
        final Map<UserWindow, Set<String>> watched = new HashMap<>();
        long unknown;
        long userWindows;
        long resets;
        long users;
    }

    RecommendationsVerifier(RecommendationsOptions options, RunFacts facts) {
        this.facts = facts;
        this.run = facts.run().getBytes(StandardCharsets.UTF_8);
        this.windowMs = options.window.toMillis();
        this.ttlMs = options.userTtl.toMillis();
        this.halfLifeMs = options.halfLife.toMillis();
        this.topK = options.topK;
    }

    @Override
    public List<String> roles() {
        return List.of(RecommendationsDefinition.WATCHES.role(), RecommendationsDefinition.VIDEOS.role(),
                RecommendationsDefinition.RECOMMENDATIONS.role(), RecommendationsDefinition.DLQ.role());
    }

    @Override
    public void accept(String role, VerifiedRecord record, long consumedAtMs) {
        if (role.equals(RecommendationsDefinition.WATCHES.role()) || role.equals(RecommendationsDefinition.VIDEOS.role())) {
            if (!Arrays.equals(run, record.header(Headers.RUN))) {
                foreign++;
                return;
            }
            if (role.equals(RecommendationsDefinition.WATCHES.role())) {
                Watch w = codec.parseWatch(record.value());
                if (w == null) malformedInput++;
                else watches.add(w);
            } else {
                Video v = codec.parseVideo(record.value());
                if (v == null) {
                    malformedInput++;
                } else {
                    catalogueRecords++;
                    catalogue.computeIfAbsent(v.video, k -> new TreeMap<>()).put(record.timestamp(), v);
                }
            }
        } else if (role.equals(RecommendationsDefinition.RECOMMENDATIONS.role())) {
            Recommendation r;
            try {
                r = Recommendation.decode(record.value() == null ? new byte[0] : record.value());
            } catch (IllegalArgumentException e) {
                notLists++;
                return;
            }
            lists++;
            received.computeIfAbsent(new UserWindow(r.user, r.windowEnd), k -> new ArrayList<>()).add(r);
            Recommendation before = lastReceived.get(r.user);
            if (before == null || before.windowEnd <= r.windowEnd) lastReceived.put(r.user, r);
        } else if (role.equals(RecommendationsDefinition.DLQ.role())) {
            if (Arrays.equals(run, record.header(Headers.RUN))) {
                deadLetters++;
                byte[] reason = record.header(Headers.DLQ_REASON);
                if (reason != null && new String(reason, StandardCharsets.UTF_8).startsWith(RecommendationsDefinition.UNKNOWN_VIDEO_REASON)) {
                    unknownDeadLetters++;
                }
            } else if (Verifier.isLate(record)) {
                late++;
            }
        }
    }

    private long validInput() {
        return watches.size() + catalogueRecords;
    }

    private boolean inputComplete() {
        return validInput() == facts.valid() && malformedInput == facts.malformed();
    }

    /** The recomputation over the input read so far (recomputed only when more input came). */
    Model model() {
        long input = validInput();
        if (model == null || modelInput != input) {
            model = compute();
            modelInput = input;
        }
        return model;
    }

    private long windowEnd(long ts) {
        return ts - Math.floorMod(ts, windowMs) + windowMs;
    }

    private Model compute() {
        Model m = new Model();
        // 1. Enrich: the catalogue version in effect at the watch's time; 2. engagement per user, window and video.
        record Seen(String category, int permille) {}
        Map<String, TreeMap<Long, TreeMap<String, Seen>>> engagement = new HashMap<>();
        for (Watch w : watches) {
            TreeMap<Long, Video> versions = catalogue.get(w.video);
            Map.Entry<Long, Video> version = versions == null ? null : versions.floorEntry(w.ts);
            if (version == null) {
                m.unknown++;
                continue;
            }
            Video v = version.getValue();
            int permille = Watch.COMPLETE.equals(w.action) ? 1000 : (int) Math.min(1000, w.positionMs * 1000 / v.durationMs);
            engagement.computeIfAbsent(w.user, k -> new TreeMap<>()).computeIfAbsent(windowEnd(w.ts), k -> new TreeMap<>())
                    .merge(w.video, new Seen(v.category, permille), (a, b) -> a.permille >= b.permille ? a : new Seen(a.category, b.permille));
        }
        // 3. Co-watch counts per window: count(a, b) = users who watched both a and b in the window.
        Map<Long, Map<String, Map<String, Integer>>> coWatch = new HashMap<>();
        Map<Long, Map<String, String>> categoryInWindow = new HashMap<>();
        for (var user : engagement.values()) {
            for (var window : user.entrySet()) {
                Map<String, Map<String, Integer>> counts = coWatch.computeIfAbsent(window.getKey(), k -> new HashMap<>());
                Map<String, String> categories = categoryInWindow.computeIfAbsent(window.getKey(), k -> new HashMap<>());
                for (var a : window.getValue().entrySet()) {
                    categories.putIfAbsent(a.getKey(), a.getValue().category);
                    for (String b : window.getValue().keySet()) {
                        if (!b.equals(a.getKey())) counts.computeIfAbsent(a.getKey(), k -> new HashMap<>()).merge(b, 1, Integer::sum);
                    }
                }
            }
        }
        // 4. Per user, window after window: TTL, decay, profile, watched set, candidates, top-K, emit when changed.
        m.users = engagement.size();
        for (var user : engagement.entrySet()) {
            String u = user.getKey();
            Long lastEnd = null;
            TreeMap<String, Double> profile = new TreeMap<>();
            Set<String> watched = new HashSet<>();
            List<String> lastList = List.of();
            for (var window : user.getValue().entrySet()) {
                long end = window.getKey();
                m.userWindows++;
                if (lastEnd != null && end - lastEnd > ttlMs) {
                    m.resets++;
                    lastEnd = null;
                    profile.clear();
                    watched.clear();
                    lastList = List.of();
                }
                if (lastEnd != null) {
                    double factor = Math.pow(2.0, -(double) (end - lastEnd) / halfLifeMs);
                    for (var e : profile.entrySet()) e.setValue(e.getValue() * factor);
                }
                for (var seen : window.getValue().entrySet()) {
                    profile.merge(seen.getValue().category, seen.getValue().permille / 1000.0, Double::sum);
                }
                watched.addAll(window.getValue().keySet());
                Map<String, Long> sums = new TreeMap<>();
                Map<String, Map<String, Integer>> counts = coWatch.get(end);
                for (String a : window.getValue().keySet()) {
                    for (var b : counts.getOrDefault(a, Map.of()).entrySet()) {
                        if (!watched.contains(b.getKey())) sums.merge(b.getKey(), (long) b.getValue(), Long::sum);
                    }
                }
                record Scored(String video, double score) {}
                List<Scored> scored = new ArrayList<>();
                Map<String, String> categories = categoryInWindow.get(end);
                for (var s : sums.entrySet()) {
                    double interest = profile.getOrDefault(categories.get(s.getKey()), 0.0);
                    scored.add(new Scored(s.getKey(), s.getValue() * (1.0 + interest)));
                }
                scored.sort((x, y) -> x.score != y.score ? Double.compare(y.score, x.score) : x.video.compareTo(y.video));
                List<Scored> top = scored.subList(0, Math.min(topK, scored.size()));
                List<String> videos = top.stream().map(Scored::video).toList();
                m.watched.put(new UserWindow(u, end), Set.copyOf(watched));
                if (!videos.equals(lastList)) {
                    Recommendation r = new Recommendation(u, end, videos.toArray(String[]::new), top.stream().mapToDouble(Scored::score).toArray());
                    m.lists.put(new UserWindow(u, end), r);
                    m.finalLists.put(u, r);
                    lastList = videos;
                }
                lastEnd = end;
            }
        }
        return m;
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("watches", (long) watches.size());
        p.put("catalogue", catalogueRecords);
        p.put("dlq", deadLetters);
        p.put("lists", lists);
        return p;
    }

    @Override
    public boolean complete() {
        if (!inputComplete()) return false;
        Model m = model();
        if (deadLetters < facts.malformed() + m.unknown) return false;
        for (UserWindow k : m.lists.keySet()) if (!received.containsKey(k)) return false;
        return true;
    }

    @Override
    public Verdict verdict() {
        Model m = model();
        List<String> problems = new ArrayList<>();
        if (foreign > 0) problems.add("the input topics hold " + foreign + " records of other runs");
        if (!inputComplete()) {
            problems.add("read back " + validInput() + " valid and " + malformedInput + " malformed input records, the producer sent "
                    + facts.valid() + " and " + facts.malformed());
        }
        long expectedDead = facts.malformed() + m.unknown;
        if (deadLetters != expectedDead || unknownDeadLetters != m.unknown) {
            problems.add(deadLetters + " dead letters of this run (" + unknownDeadLetters + " unknown-video), expected " + expectedDead
                    + " (" + facts.malformed() + " malformed + " + m.unknown + " unknown-video)");
        }
        if (late > 0) problems.add(late + " watches dead-lettered as late");

        long missing = 0, wrong = 0, extra = 0, duplicated = 0, watchedAgain = 0;
        List<String> examples = new ArrayList<>();
        List<UserWindow> expectedKeys = new ArrayList<>(m.lists.keySet());
        expectedKeys.sort(java.util.Comparator.comparing(UserWindow::user).thenComparingLong(UserWindow::windowEnd));
        for (UserWindow k : expectedKeys) {
            Recommendation want = m.lists.get(k);
            List<Recommendation> got = received.get(k);
            if (got == null) {
                missing++;
                if (examples.size() < SHOWN) examples.add("missing " + want);
            } else if (!got.get(0).equals(want)) {
                wrong++;
                if (examples.size() < SHOWN) examples.add("wrong " + got.get(0) + ", expected " + want);
            }
        }
        for (var e : received.entrySet()) {
            if (!m.lists.containsKey(e.getKey())) {
                extra++;
                if (examples.size() < SHOWN) examples.add("extra " + e.getValue().get(0));
            }
            if (e.getValue().size() > 1) duplicated += e.getValue().size() - 1;
            Set<String> seen = m.watched.get(e.getKey());
            for (Recommendation r : e.getValue()) {
                for (String v : r.videos) {
                    if (seen != null && seen.contains(v)) {
                        watchedAgain++;
                        if (examples.size() < SHOWN) examples.add("already watched " + v + " in " + r);
                    }
                }
            }
        }
        if (missing + wrong + extra + duplicated > 0) {
            problems.add("recommendation lists: " + missing + " missing, " + wrong + " wrong, " + extra + " extra, " + duplicated
                    + " duplicated (" + String.join("; ", examples) + ")");
        }
        if (watchedAgain > 0) problems.add(watchedAgain + " recommended videos the user had already watched");
        if (notLists > 0) problems.add(notLists + " records of the recommendations topic are not recommendation lists");
        long finalWrong = 0;
        for (var e : m.finalLists.entrySet()) if (!e.getValue().equals(lastReceived.get(e.getKey()))) finalWrong++;
        for (String u : lastReceived.keySet()) if (!m.finalLists.containsKey(u)) finalWrong++;
        if (finalWrong > 0 && problems.stream().noneMatch(p -> p.startsWith("recommendation lists"))) {
            problems.add(finalWrong + " users' final lists differ from the recomputation");
        }

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("watches", Integer.toString(watches.size()));
        figures.put("catalogue", Long.toString(catalogueRecords));
        figures.put("dlq", Long.toString(deadLetters));
        figures.put("unknown", Long.toString(unknownDeadLetters));
        figures.put("users", Long.toString(m.users));
        figures.put("lists", Long.toString(lists));
        figures.put("lists_wrong", Long.toString(missing + wrong + extra + duplicated));
        figures.put("final_wrong", Long.toString(finalWrong));
        figures.put("already_watched", Long.toString(watchedAgain));
        long videosInFinal = m.finalLists.values().stream().mapToLong(r -> r.videos.length).sum();
        List<String> summary = List.of(
                String.format("  input         %,d watches and %,d catalogue records valid, %,d malformed read back (%,d foreign)",
                        watches.size(), catalogueRecords, malformedInput, foreign),
                String.format("  dead letters  %,d (expected %,d: %,d malformed + %,d watches of unknown videos; %,d unknown received)",
                        deadLetters, expectedDead, facts.malformed(), m.unknown, unknownDeadLetters),
                String.format("  recomputed    %,d users, %,d user-windows, %,d TTL resets; %,d lists expected",
                        m.users, m.userWindows, m.resets, m.lists.size()),
                String.format("  lists         %,d received: %,d missing, %,d wrong, %,d extra, %,d duplicated; %,d already-watched videos in them",
                        lists, missing, wrong, extra, duplicated, watchedAgain),
                String.format("  final top-K   %,d users, %,d videos in their lists; %,d differ from the recomputation",
                        m.finalLists.size(), videosInFinal, finalWrong));
        return new Verdict(String.join("; ", problems), figures, summary);
    }
}
