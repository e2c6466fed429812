package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasurementTest {
    private static final double EXACT = 1e-12;

    @Test
    void ratioAddsRelativeErrorsInQuadrature() {
        // 7.5 % and 10 % relative error: sqrt(0.075^2 + 0.1^2) = 0.125 of the ratio 2.
        Measurement r = new Measurement(4, 0.3).over(new Measurement(2, 0.2));
        assertEquals(2.0, r.value(), EXACT);
        assertEquals(0.25, r.error(), EXACT);
    }

    @Test
    void ratioOfExactDivisorKeepsTheRelativeError() {
        Measurement r = new Measurement(9, 0.9).over(new Measurement(3, 0));
        assertEquals(3.0, r.value(), EXACT);
        assertEquals(0.3, r.error(), EXACT);
    }

    @Test
    void unknownErrorStaysUnknownThroughARatio() {
        Measurement unknown = Measurement.of(16384, Double.NaN);
        assertFalse(unknown.over(new Measurement(2048, 102.4)).hasError());
        assertFalse(new Measurement(2048, 102.4).over(unknown).hasError());
        assertEquals(8.0, unknown.over(new Measurement(2048, 102.4)).value(), EXACT);
    }

    @Test
    void infiniteErrorIsUnknown() {
        assertFalse(Measurement.of(1, Double.POSITIVE_INFINITY).hasError());
        assertTrue(Measurement.of(1, 0).hasError());
    }

    @Test
    void intoInvertsWithTheSameRelativeError() {
        Measurement r = new Measurement(4, 0.2).into(10);
        assertEquals(2.5, r.value(), EXACT);
        assertEquals(0.125, r.error(), EXACT);
    }

    @Test
    void timesScalesTheError() {
        Measurement r = new Measurement(2, 0.1).times(8);
        assertEquals(16.0, r.value(), EXACT);
        assertEquals(0.8, r.error(), EXACT);
    }
}
