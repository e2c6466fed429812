package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class MeasurementTest {
    @Test
    void aRatioCombinesRelativeErrorsInQuadrature() {
        Measurement r = new Measurement(300, 9).over(new Measurement(100, 4));
        assertEquals(3, r.value(), 1e-12);
        assertEquals(3 * Math.hypot(0.03, 0.04), r.error(), 1e-12);
    }

    @Test
    void aThroughputKeepsTheRelativeError() {
        Measurement t = new Measurement(1000, 50).into(4000);
        assertEquals(4, t.value(), 1e-12);
        assertEquals(0.2, t.error(), 1e-12);
    }

    @Test
    void anUnknownErrorStaysUnknown() {
        Measurement unknown = Measurement.of(10, Double.POSITIVE_INFINITY);
        assertFalse(unknown.hasError());
        assertFalse(unknown.over(new Measurement(5, 1)).hasError());
        assertFalse(new Measurement(5, 1).over(unknown).hasError());
    }

    @Test
    void scalingScalesTheError() {
        Measurement m = new Measurement(2, 0.5).times(-3);
        assertEquals(-6, m.value(), 1e-12);
        assertEquals(1.5, m.error(), 1e-12);
    }
}
