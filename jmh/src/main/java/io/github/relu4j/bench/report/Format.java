package io.github.relu4j.bench.report;

import java.util.Locale;

/** How numbers, sizes and measurements read in the report. */
final class Format {
    private static final long KI = 1L << 10;
    private static final long MI = 1L << 20;
    private static final long GI = 1L << 30;

    private Format() {}

    /** An element count: 16384 reads {@code 16 Ki}, 67108864 reads {@code 64 Mi}. */
    static String size(long elements) {
        if (elements >= GI && elements % GI == 0) {
            return elements / GI + " Gi";
        }
        if (elements >= MI && elements % MI == 0) {
            return elements / MI + " Mi";
        }
        if (elements >= KI && elements % KI == 0) {
            return elements / KI + " Ki";
        }
        return Long.toString(elements);
    }

    /** Beyond this many decimals a figure is noise: an allocation of 0.00006 B/op is 0. */
    private static final int MAX_DECIMALS = 3;

    /** A number to three significant digits, or three decimals if it is smaller than 1. */
    static String number(double v) {
        return fixed(v, Math.min(MAX_DECIMALS, decimals(v, 3)));
    }

    /** A measurement as {@link #number}, its error to the same decimals. */
    static String value(Measurement m) {
        return withError(m, Math.min(MAX_DECIMALS, decimals(m.value(), 3)));
    }

    /**
     * A ratio: two decimals between 0.1 and 10, where the figures to compare against (0.95, 1)
     * live; one above 10; two significant digits below 0.1.
     */
    static String ratio(Measurement m) {
        double v = Math.abs(m.value());
        int decimals = v >= 10 ? 1 : v >= 0.1 ? 2 : decimals(v, 2);
        return withError(m, decimals);
    }

    private static String withError(Measurement m, int decimals) {
        String value = fixed(m.value(), decimals);
        return m.hasError() ? value + " ± " + fixed(m.error(), decimals) : value;
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Decimals that show {@code digits} significant digits of {@code v}, none for large values. */
    private static int decimals(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return 0;
        }
        return Math.max(0, digits - 1 - (int) Math.floor(Math.log10(Math.abs(v))));
    }
}
