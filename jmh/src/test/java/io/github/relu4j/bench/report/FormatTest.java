package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void sizesInBinaryUnits() {
        assertEquals("1 Ki", Format.size(1024));
        assertEquals("16 Ki", Format.size(16384));
        assertEquals("256 Ki", Format.size(262144));
        assertEquals("4 Mi", Format.size(4194304));
        assertEquals("64 Mi", Format.size(67108864));
        assertEquals("23", Format.size(23));
        assertEquals("1000", Format.size(1000));
        assertEquals("262,144", Format.grouped(262144));
        assertEquals("999", Format.grouped(999));
    }

    @Test
    void bytesInBinaryUnits() {
        assertEquals("128 KiB", Format.bytes(2L * 16384 * 4));
        assertEquals("512 MiB", Format.bytes(2L * 67108864 * 4));
        assertEquals("100 B", Format.bytes(100));
    }

    @Test
    void valuesToThreeSignificantDigits() {
        assertEquals("812 ± 35", Format.value(new Measurement(812.4, 35.2)));
        assertEquals("18.0 ± 2.7", Format.value(new Measurement(18.04, 2.7)));
        assertEquals("0.500 ± 0.025", Format.value(new Measurement(0.5, 0.025)));
    }

    @Test
    void valuesWithoutErrorHaveNoPlusMinus() {
        assertEquals("16384", Format.value(Measurement.of(16384, Double.NaN)));
    }

    @Test
    void noMoreThanThreeDecimals() {
        assertEquals("0.000 ± 0.000", Format.value(new Measurement(0.000064, 0.000009)));
        assertEquals("0.002", Format.number(0.002));
    }

    @Test
    void ratios() {
        assertEquals("0.50 ± 0.04", Format.ratio(new Measurement(0.5, 0.0354)));
        assertEquals("59.5 ± 10.4", Format.ratio(new Measurement(59.47, 10.44)));
        assertEquals("0.031 ± 0.002", Format.ratio(new Measurement(0.031, 0.002)));
        assertEquals("8.00", Format.ratio(Measurement.of(8, Double.NaN)));
    }

    @Test
    void percent() {
        assertEquals("47.4 %", Format.percent(0.47368));
    }
}
