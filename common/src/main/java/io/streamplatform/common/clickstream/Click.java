package io.streamplatform.common.clickstream;

import java.util.Objects;

/**
 * One click-stream event: a user's action on a product. Prices are exact cents, so revenues add up to the cent in the
 * job and in any recomputation. A Flink POJO.
 */
public final class Click {
    /** What the user did, in funnel order. */
    public enum Action { VIEW, CLICK, CART, PURCHASE;

        /** The name in the JSON format. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String user;
    public String product;
    public String category;
    public Action action;
    /** Price in cents. */
    public long priceCents;
    /** Event time, epoch milliseconds. */
    public long ts;

    public Click() {}

    public Click(String user, String product, String category, Action action, long priceCents, long ts) {
        this.user = user;
        this.product = product;
        this.category = category;
        this.action = action;
        this.priceCents = priceCents;
        this.ts = ts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Click c && priceCents == c.priceCents && ts == c.ts && action == c.action && Objects.equals(user, c.user)
                && Objects.equals(product, c.product) && Objects.equals(category, c.category);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, product, category, action, priceCents, ts);
    }

    @Override
    public String toString() {
        return user + " " + action.text() + " " + product + "(" + category + ", " + Money.format(priceCents) + ") @" + ts;
    }
}
