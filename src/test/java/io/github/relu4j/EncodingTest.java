package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit oracle's arithmetic ({@link Encoding}) checked on its own: literal values from the
 * formats' definitions (the largest finite, the smallest subnormal, ties, the overflow
 * threshold), and agreement with the JDK's own IEEE conversions, which the oracle does not call
 * but which implement the same roundings: {@code (float) double} for binary32, and
 * {@code Float.float16ToFloat} / {@code Float.floatToFloat16} for binary16 (NaNs aside, where the
 * contract says its own).
 */
class EncodingTest {
    private static final Encoding F32 = Encoding.BINARY32;
    private static final Encoding BF16 = Encoding.BFLOAT16;
    private static final Encoding F16 = Encoding.BINARY16;

    @Test
    void literalValues() {
        assertEquals(65504.0, F16.value(0x7bff), "binary16's largest finite");
        assertEquals(Math.scalb(1.0, -24), F16.value(0x0001), "its smallest subnormal");
        assertEquals(Math.scalb(1023.0, -24), F16.value(0x03ff), "its largest subnormal");
        assertEquals(Math.scalb(1.0, -14), F16.value(0x0400), "its smallest normal");
        assertEquals(-0.0, F16.value(0x8000));
        assertEquals(Double.NEGATIVE_INFINITY, F16.value(0xfc00));
        assertEquals(Math.scalb(255.0, 120), BF16.value(0x7f7f), "bfloat16's largest finite");
        assertEquals(Math.scalb(1.0, -133), BF16.value(0x0001), "its smallest subnormal");

        assertEquals(0x7bff, F16.round(65519.99), "below the overflow threshold: the largest finite");
        assertEquals(0x7c00, F16.round(65520), "the largest finite plus half an ulp: a tie, to infinity");
        assertEquals(0xfc00, F16.round(-1e300));
        assertEquals(0x8000, F16.round(-Math.scalb(1.0, -25)), "half the smallest subnormal: a tie, to -0");
        assertEquals(0x0001, F16.round(Math.scalb(1.0, -25) + Math.scalb(1.0, -60)), "just above it: up");
        assertEquals(0x0002, F16.round(Math.scalb(3.0, -25)), "1.5 subnormals: a tie, to the even 2");
        assertEquals(0x0400, F16.round(Math.scalb(2047.0, -25)), "the largest subnormal and a half: up to the smallest normal");
        assertEquals(0x3c00, F16.round(1 + Math.scalb(1.0, -11)), "1 + half an ulp: a tie, to the even 1");
        assertEquals(0x3c02, F16.round(1 + Math.scalb(3.0, -11)), "1 + 1.5 ulp: a tie, to the even 1 + 2 ulp");
        assertEquals(0x211f, F16.round(0.01), "0.01 (0.0100021362...)");
        assertEquals(0x3f80, BF16.round(1 + Math.scalb(1.0, -8)), "bfloat16: a tie, to the even 1");
        assertEquals(0x3f82, BF16.round(1 + Math.scalb(3.0, -8)), "a tie, to the even 1 + 2 ulp");
        assertEquals(0x7f7f, BF16.round(Math.scalb(511.0, 119) - Math.scalb(1.0, 100)), "just below the threshold");
        assertEquals(0x7f80, BF16.round(Math.scalb(511.0, 119)), "the largest finite plus half an ulp: infinity");
        assertEquals(0x0000, BF16.round(Math.scalb(1.0, -134)), "half the smallest subnormal: to +0");
        assertEquals(0x0000, BF16.round(Double.MIN_VALUE), "far below it");
        assertEquals(0x7e00 | 0x55, F16.narrowNaN(0x7f80_0000 | (0x55 << 13) | 0x1fff), "a NaN: top fraction bits, quiet");
        assertEquals(0xffc1, BF16.narrowNaN(0xff81_0000 | 0xffff), "a signalling NaN: quieted, sign kept");
    }

    /** binary32 rounding against the JDK's double-to-float conversion, on every kind of double. */
    @Test
    void binary32RoundingIsTheJdksDoubleToFloat() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 2_000_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any exponent
                case 1 -> Math.scalb(random.nextDouble(), random.nextInt(-160, 130)); // float's range and edges
                case 2 -> Math.scalb((double) random.nextLong(1L << 25), random.nextInt(-175, 110)); // ties
                default -> -Math.scalb((double) (random.nextInt(1 << 24) * 2 + 1), random.nextInt(-175, 110) - 1);
            };
            if (Double.isNaN(v)) {
                continue;
            }
            long expected = Integer.toUnsignedLong(Float.floatToRawIntBits((float) v));
            if (F32.round(v) != expected) {
                assertEquals(Long.toHexString(expected), Long.toHexString(F32.round(v)), "round(" + v + ")");
            }
            if (Float.isFinite((float) v) && F32.value(expected) != (float) v) {
                assertEquals((float) v, F32.value(expected), "value of 0x" + Long.toHexString(expected));
            }
        }
    }

    /** binary16 against the JDK: every encoding's value, and the rounding of floats across its range. */
    @Test
    void binary16AgreesWithTheJdksConversions() {
        for (int h = 0; h < 1 << 16; h++) {
            if (!F16.isNaN(h)) {
                assertEquals(Float.float16ToFloat((short) h), (float) F16.value(h), "0x" + Integer.toHexString(h));
            }
        }
        for (long b = 0; b < 1L << 32; b += 0x1fd) { // every binade of floats, at a stride that varies the low bits
            float v = Float.intBitsToFloat((int) b);
            if (!Float.isNaN(v)) {
                long expected = Short.toUnsignedLong(Float.floatToFloat16(v));
                if (F16.round(v) != expected) {
                    assertEquals(Long.toHexString(expected), Long.toHexString(F16.round(v)), "round(0x" + Long.toHexString(b) + ")");
                }
            }
        }
    }

    /** bfloat16 is the upper half of a float: its values, and rounding that agrees with binary32's on the kept bits. */
    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        for (int h = 0; h < 1 << 16; h++) {
            if (!BF16.isNaN(h)) {
                assertEquals(Float.intBitsToFloat(h << 16), (float) BF16.value(h), "0x" + Integer.toHexString(h));
                // a float whose lower half is zero is exactly representable: rounding gives it back
                assertEquals(h, BF16.round(BF16.value(h)), "0x" + Integer.toHexString(h));
            }
        }
    }
}
