package io.streamplatform.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, min and max of several runs. */
record Stat(double median, double min, double max, int n) {
    static Stat of(List<Double> values) {
        if (values.isEmpty()) return null;
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Stat(median, v.get(0), v.get(n - 1), n);
    }
}
