package io.tempo.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: the median and the spread (min–max) are what reports quote. */
public final class Samples {

    private final List<Double> values = new ArrayList<>();

    public Samples add(double value) {
        values.add(value);
        return this;
    }

    public int size() {
        return values.size();
    }

    public double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** {@code median (min–max)} with the given number format, or just the value for a single sample. */
    public String format(String pattern) {
        if (values.isEmpty()) {
            return "n/a";
        }
        String median = String.format(Locale.ROOT, pattern, median());
        return values.size() == 1 ? median : median + " (" + String.format(Locale.ROOT, pattern, min()) + "–"
                + String.format(Locale.ROOT, pattern, max()) + ")";
    }

    public List<Double> values() {
        return List.copyOf(values);
    }
}
