package io.github.relu4j.bench.report;

/**
 * A target for one measured figure and how a value fares against it. It judges the central
 * value; the error bar beside it in the report says how sure that is.
 *
 * @param text the target as the report prints it, e.g. {@code ≥ 0.95}
 * @param threshold the figure to reach
 * @param atLeast whether the value must reach the threshold from below, rather than stay under it
 */
record Goal(String text, double threshold, boolean atLeast) {

    /** Met when the value is at least {@code min}. */
    static Goal atLeast(double min) {
        return new Goal("≥ " + plain(min), min, true);
    }

    /** Met when the value is below {@code limit}. */
    static Goal below(double limit, String text) {
        return new Goal(text, limit, false);
    }

    /**
     * {@code met}, or for an at-least goal {@code missed by X %} where X is the shortfall relative
     * to the threshold; a below goal has no meaningful percentage, so it is just {@code missed}.
     */
    String verdict(double value) {
        if (atLeast) {
            return value >= threshold ? "met" : "missed by " + Format.percent(1 - value / threshold);
        }
        return value < threshold ? "met" : "missed";
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
