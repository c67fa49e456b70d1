package io.streamplatform.job.recommendations;

import java.util.Arrays;

/** A user's interest per category, categories sorted. A Flink POJO (parallel arrays). */
public final class Profile {
    public String[] categories = new String[0];
    public double[] weights = new double[0];

    public Profile() {}

    /** Every weight times {@code factor}, in category order. */
    void decay(double factor) {
        for (int i = 0; i < weights.length; i++) weights[i] = weights[i] * factor;
    }

    void add(String category, double amount) {
        int i = Arrays.binarySearch(categories, category);
        if (i >= 0) {
            weights[i] = weights[i] + amount;
            return;
        }
        int at = -i - 1;
        String[] c = new String[categories.length + 1];
        double[] w = new double[weights.length + 1];
        System.arraycopy(categories, 0, c, 0, at);
        System.arraycopy(weights, 0, w, 0, at);
        c[at] = category;
        w[at] = amount;
        System.arraycopy(categories, at, c, at + 1, categories.length - at);
        System.arraycopy(weights, at, w, at + 1, weights.length - at);
        categories = c;
        weights = w;
    }

    double weight(String category) {
        int i = Arrays.binarySearch(categories, category);
        return i >= 0 ? weights[i] : 0.0;
    }
}
