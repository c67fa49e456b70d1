package io.streamplatform.job.clickstream;

import java.util.Arrays;

/** What an open session keeps: counts per action, revenue, first and last click, the distinct products (sorted). A Flink POJO. */
public final class SessionAcc {
    public long first = Long.MAX_VALUE;
    public long last = Long.MIN_VALUE;
    public long views;
    public long clicks;
    public long carts;
    public long purchases;
    public long revenueCents;
    public String[] products = new String[0];

    public SessionAcc() {}

    /** Adds {@code product} to the sorted distinct products. */
    void addProduct(String product) {
        int at = Arrays.binarySearch(products, product);
        if (at >= 0) return;
        int insert = -at - 1;
        String[] grown = new String[products.length + 1];
        System.arraycopy(products, 0, grown, 0, insert);
        grown[insert] = product;
        System.arraycopy(products, insert, grown, insert + 1, products.length - insert);
        products = grown;
    }
}
