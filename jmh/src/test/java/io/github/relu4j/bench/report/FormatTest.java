package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void sizesReadInBinaryUnits() {
        assertEquals("1023", Format.size(1023));
        assertEquals("16 Ki", Format.size(16384));
        assertEquals("4 Mi", Format.size(4194304));
        assertEquals("2 Gi", Format.size(1L << 31));
    }

    @Test
    void numbersHaveThreeSignificantDigits() {
        assertEquals("17.8", Format.number(17.8123));
        assertEquals("0.214", Format.number(0.21412));
        assertEquals("143", Format.number(142.6));
        assertEquals("0.000", Format.number(0.00006));
        assertEquals("5.97 ± 2.56", Format.value(new Measurement(5.9712, 2.5561)));
        assertEquals("75492 ± 5027", Format.value(new Measurement(75492.3, 5027.1)));
    }

    @Test
    void ratiosHaveTwoDecimalsAroundOne() {
        assertEquals("0.85 ± 0.09", Format.ratio(new Measurement(0.8512, 0.0891)));
        assertEquals("76.5 ± 6.8", Format.ratio(new Measurement(76.51, 6.77)));
        assertEquals("0.083", Format.ratio(Measurement.of(0.08312, Double.NaN)));
    }

    @Test
    void aTableRightAlignsItsNumbersAndEscapesBars() {
        String table = new MarkdownTable(1, List.of("a", "b")).row(List.of("x|y", "1")).render();
        assertEquals("| a | b |\n| --- | ---: |\n| x\\|y | 1 |\n", table);
    }
}
