package io.github.relu4j.bench.report;

/**
 * A measured value and the half-width of its confidence interval, in the same unit. The error is
 * {@code NaN} when it is unknown: JMH cannot give an interval for a single fork of one iteration.
 * Derived figures carry the error along; an unknown error stays unknown.
 */
record Measurement(double value, double error) {

    /** A measurement whose error is unknown when JMH reported none (NaN or infinite). */
    static Measurement of(double value, double error) {
        return new Measurement(value, Double.isFinite(error) ? error : Double.NaN);
    }

    boolean hasError() {
        return !Double.isNaN(error);
    }

    /** This value scaled by an exact constant, such as bytes per element. */
    Measurement times(double factor) {
        return new Measurement(value * factor, error * Math.abs(factor));
    }

    /**
     * {@code numerator / value} for an exact numerator: turns a time per call into calls or
     * elements per unit time. The relative error is unchanged.
     */
    Measurement into(double numerator) {
        double r = numerator / value;
        return new Measurement(r, Math.abs(r) * error / value);
    }

    /**
     * {@code this / divisor}. The two measurements are independent, so their relative errors add
     * in quadrature: {@code err = |r| * sqrt((ea/a)^2 + (eb/b)^2)}.
     */
    Measurement over(Measurement divisor) {
        double r = value / divisor.value;
        return new Measurement(r, Math.abs(r) * Math.hypot(error / value, divisor.error / divisor.value));
    }
}
