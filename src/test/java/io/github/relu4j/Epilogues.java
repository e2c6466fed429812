package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * {@link Epilogue#forward} behind one signature for every {@link Element}, on arrays and on
 * segments, and the test's own bias add: the sum in the compute type, rounded to the format,
 * written here without the library's conversions ({@link Encoding} for the 16-bit formats).
 */
final class Epilogues {
    private Epilogues() {}

    static void forward(Epilogue ep, Element e, Object x, int xo, Object bias, int bo, Object y, int yo, long[] mask,
                        long mo, long[] counts, int co, int n) {
        switch (e) {
            case FLOAT -> ep.forward((float[]) x, xo, (float[]) bias, bo, (float[]) y, yo, mask, mo, counts, co, n);
            case DOUBLE -> ep.forward((double[]) x, xo, (double[]) bias, bo, (double[]) y, yo, mask, mo, counts, co, n);
            case BF16 -> ep.forwardBF16((short[]) x, xo, (float[]) bias, bo, (short[]) y, yo, mask, mo, counts, co, n);
            case F16 -> ep.forwardF16((short[]) x, xo, (float[]) bias, bo, (short[]) y, yo, mask, mo, counts, co, n);
        }
    }

    static void forward(Epilogue ep, Element e, MemorySegment x, long xo, Object bias, int bo, MemorySegment y,
                        long yo, MemorySegment mask, long mo, long[] counts, int co, long n) {
        switch (e) {
            case FLOAT -> ep.forwardF32(x, xo, (float[]) bias, bo, y, yo, mask, mo, counts, co, n);
            case DOUBLE -> ep.forwardF64(x, xo, (double[]) bias, bo, y, yo, mask, mo, counts, co, n);
            case BF16 -> ep.forwardBF16(x, xo, (float[]) bias, bo, y, yo, mask, mo, counts, co, n);
            case F16 -> ep.forwardF16(x, xo, (float[]) bias, bo, y, yo, mask, mo, counts, co, n);
        }
    }

    /** A bias array of the parameters' format (double[] for doubles, float[] otherwise). */
    static Object bias(Element e, float[] values) {
        if (e == Element.DOUBLE) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i] + (i % 3 == 1 ? 1e-12 : 0); // not always a float's value
            }
            return d;
        }
        return values.clone();
    }

    /** The bits of {@code x + bias[u]}: in float (16-bit: the exact value widened), rounded once to the format. */
    static long sum(Element e, long x, Object bias, int u) {
        return switch (e) {
            case FLOAT -> Integer.toUnsignedLong(Float.floatToRawIntBits(
                    Float.intBitsToFloat((int) x) + ((float[]) bias)[u]));
            case DOUBLE -> Double.doubleToRawLongBits(Double.longBitsToDouble(x) + ((double[]) bias)[u]);
            case BF16, F16 -> {
                Encoding h = HalfOracle.encoding(e);
                float b = ((float[]) bias)[u];
                if (h.isNaN(x)) { // the float NaN of the same sign and payload, through the float add, narrowed
                    int fractionBits = e == Element.BF16 ? 7 : 10;
                    int widened = (int) ((x & h.signBit()) != 0 ? 0x8000_0000L : 0) | 0x7f80_0000
                            | (int) ((x & ((1L << fractionBits) - 1)) << (23 - fractionBits));
                    yield h.narrowNaN(Float.floatToRawIntBits(Float.intBitsToFloat(widened) + b));
                }
                float sum = (float) h.value(x) + b; // the value is exact in float
                yield h.round(sum);
            }
        };
    }
}
