package io.streamplatform.common.clickstream;

import io.streamplatform.common.Headers;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The clickstream job's input: simulated shoppers ({@code u-0000}.., one per key) browsing {@value #PRODUCTS} products
 * in {@value #CATEGORY_COUNT} categories, deterministic from the seed. Each user alternates sessions of
 * {@value #MIN_EVENTS}-{@value #MAX_EVENTS} clicks at most a minute apart and idle spells of 6 to 40 minutes (longer
 * than the job's default session gap), with a favourite category; a session mostly views and clicks, some clicks put a
 * product in the cart and some buy what was carted. The timeline ends about now.
 *
 * <p>Out of order: 5 % of clicks are sent up to 1.5 s late (within the job's default 2 s {@code --out-of-orderness});
 * {@value #LATE_PERCENT} % are sent 6-9 minutes late: past the default 5-minute {@code --session-gap}
 * but within the default 10-minute {@code --allowed-lateness}, so when the watermark has passed their windows they update
 * results already written (a session extended, two sessions joined, a funnel or trending window recounted). Once the run is under way (past 30 % of a bounded
 * run), about one record in a thousand is a click from far in the past — at least a day, and more than the simulated
 * time any partition can lag another — which the job dead-letters as too late once its watermark is under way; it
 * carries the {@link Headers#TOO_LATE} header (ground truth). Malformed records ({@link MalformedPlan}) rotate through not JSON,
 * missing field, wrong type, impossible value and bad timestamp.
 */
public final class ClickstreamGenerator implements RecordGenerator {
    static final String[] CATEGORIES = {"books", "electronics", "fashion", "garden", "grocery", "home", "sports", "toys"};
    static final int CATEGORY_COUNT = 8;
    static final int PRODUCTS = 240;
    static final int MIN_EVENTS = 3;
    static final int MAX_EVENTS = 25;
    static final long MAX_STEP_MS = 60_000;
    static final long MIN_IDLE_MS = 6 * 60_000;
    static final long MAX_IDLE_MS = 40 * 60_000;
    static final double LATE_PERCENT = 0.5;
    static final double TOO_LATE_FRACTION = 0.001;
    /** Too-late clicks are further behind than this many records' worth of simulated time (and than a day). */
    static final long SKEW_RECORDS = 200_000;
    static final int MALFORMED_KINDS = 5;

    private record Held(long emitAt, long seq, Click click) {}

    private final int users;
    private final MalformedPlan plan;
    private final Random random;
    private final long tooLateFrom;
    private final long tooLateMs;
    private final byte[][] userKeys;
    private final long[] next;
    private final int[] left;
    private final int[] favourite;
    private final int[] carted;
    private final PriorityQueue<Integer> byTime;
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> a.emitAt != b.emitAt ? Long.compare(a.emitAt, b.emitAt) : Long.compare(a.seq, b.seq));
    private long index = -1;
    private long seq;
    private long now;
    private long malformedSoFar;

    private byte[] key;
    private byte[] value;
    private long timestamp;
    private boolean valid;
    private Map<String, byte[]> headers = Map.of();

    public ClickstreamGenerator(GeneratorSettings s) {
        this(s, System::currentTimeMillis);
    }

    ClickstreamGenerator(GeneratorSettings s, LongSupplier clock) {
        if (s.keys() < 1) throw new IllegalArgumentException("the clickstream generator needs at least one user");
        users = s.keys();
        plan = new MalformedPlan(s.malformedFraction());
        random = new Random(s.seed());
        double meanEvents = (MIN_EVENTS + MAX_EVENTS) / 2.0;
        double clicksPerSecond = users * meanEvents / (meanEvents * MAX_STEP_MS / 2 / 1000.0 + (MIN_IDLE_MS + MAX_IDLE_MS) / 2 / 1000.0);
        long spanMs = (long) ((s.count() > 0 ? s.count() : 3_600 * clicksPerSecond) / clicksPerSecond * 1000);
        long start = clock.getAsLong() - spanMs;
        tooLateFrom = s.count() > 0 ? s.count() * 3 / 10 : 20_000;
        tooLateMs = Math.max(86_400_000L, (long) (SKEW_RECORDS / clicksPerSecond * 1000));
        userKeys = new byte[users][];
        next = new long[users];
        left = new int[users];
        favourite = new int[users];
        carted = new int[users];
        byTime = new PriorityQueue<>(Math.max(1, users), (a, b) -> next[a] != next[b] ? Long.compare(next[a], next[b]) : Integer.compare(a, b));
        for (int u = 0; u < users; u++) {
            userKeys[u] = String.format("u-%04d", u).getBytes(StandardCharsets.UTF_8);
            next[u] = start + (long) (random.nextDouble() * MAX_IDLE_MS);
            favourite[u] = random.nextInt(CATEGORY_COUNT);
            carted[u] = -1;
            byTime.add(u);
        }
        now = start;
    }

    @Override
    public boolean next() {
        index++;
        headers = Map.of();
        if (plan.isMalformed(index)) {
            malformed();
            return true;
        }
        valid = true;
        if (index >= tooLateFrom && random.nextDouble() < TOO_LATE_FRACTION) {
            long behind = tooLateMs + (long) (random.nextDouble() * 3_600_000);
            int u = random.nextInt(users);
            int product = random.nextInt(PRODUCTS);
            emit(new Click(new String(userKeys[u], StandardCharsets.UTF_8), productId(product), CATEGORIES[product % CATEGORY_COUNT],
                    Click.Action.VIEW, price(product), now - behind));
            headers = Map.of(Headers.TOO_LATE, Long.toString(behind).getBytes(StandardCharsets.UTF_8));
            return true;
        }
        while (true) {
            int u = byTime.peek();
            if (!held.isEmpty() && held.peek().emitAt <= next[u]) {
                emit(held.poll().click);
                return true;
            }
            byTime.poll();
            Click c = click(u);
            byTime.add(u);
            now = Math.max(now, c.ts);
            double r = random.nextDouble() * 100;
            long delay = r < LATE_PERCENT ? 360_000 + random.nextInt(180_001) : r < LATE_PERCENT + 5 ? 100 + random.nextInt(1_401) : 0;
            if (delay == 0) {
                emit(c);
                return true;
            }
            held.add(new Held(c.ts + delay, seq++, c));
        }
    }

    /** User {@code u}'s next click, at {@code next[u]}; schedules the one after. */
    private Click click(int u) {
        long ts = next[u];
        if (left[u] == 0) left[u] = MIN_EVENTS + random.nextInt(MAX_EVENTS - MIN_EVENTS + 1);
        int product;
        Click.Action action;
        double r = random.nextDouble();
        if (r < 0.07 && carted[u] >= 0) {
            product = carted[u];
            action = Click.Action.PURCHASE;
            carted[u] = -1;
        } else {
            // The favourite category most of the time; low product numbers of a category are its best sellers.
            int category = random.nextDouble() < 0.7 ? favourite[u] : random.nextInt(CATEGORY_COUNT);
            int rank = (int) (Math.pow(random.nextDouble(), 2) * (PRODUCTS / CATEGORY_COUNT));
            product = rank * CATEGORY_COUNT + category;
            action = r < 0.20 ? Click.Action.CART : r < 0.45 ? Click.Action.CLICK : Click.Action.VIEW;
            if (action == Click.Action.CART) carted[u] = product;
        }
        left[u]--;
        next[u] = ts + (left[u] > 0 ? 1_000 + (long) (random.nextDouble() * (MAX_STEP_MS - 1_000))
                : MIN_IDLE_MS + (long) (random.nextDouble() * (MAX_IDLE_MS - MIN_IDLE_MS)));
        if (left[u] == 0) carted[u] = -1;
        return new Click(new String(userKeys[u], StandardCharsets.UTF_8), productId(product), CATEGORIES[product % CATEGORY_COUNT],
                action, price(product), ts);
    }

    static String productId(int product) {
        return String.format("p-%03d", product);
    }

    /** A product's price: 1.99 to 201.98, fixed per product. */
    static long price(int product) {
        return 199 + (product * 7_919L) % 20_000;
    }

    private void emit(Click c) {
        key = c.user.getBytes(StandardCharsets.UTF_8);
        value = ClickCodec.encode(c).getBytes(StandardCharsets.UTF_8);
        timestamp = c.ts;
    }

    private void malformed() {
        valid = false;
        int u = random.nextInt(users);
        key = userKeys[u];
        timestamp = now;
        String user = new String(userKeys[u], StandardCharsets.UTF_8);
        String text = switch ((int) (malformedSoFar++ % MALFORMED_KINDS)) {
            case 0 -> "user " + user + " viewed p-001";
            case 1 -> "{\"user\":\"" + user + "\",\"product\":\"p-001\",\"action\":\"view\",\"price\":1.99,\"ts\":" + now + "}";
            case 2 -> "{\"user\":\"" + user + "\",\"product\":\"p-001\",\"category\":\"books\",\"action\":\"view\",\"price\":\"cheap\",\"ts\":" + now + "}";
            case 3 -> "{\"user\":\"" + user + "\",\"product\":\"p-001\",\"category\":\"books\",\"action\":\"refund\",\"price\":1.99,\"ts\":" + now + "}";
            default -> "{\"user\":\"" + user + "\",\"product\":\"p-001\",\"category\":\"books\",\"action\":\"view\",\"price\":1.99,\"ts\":\"yesterday\"}";
        };
        value = text.getBytes(StandardCharsets.UTF_8);
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
