package io.github.relu4j;

import java.util.SplittableRandom;

/**
 * PReLU on the 16-bit formats computed from the contract's text, independently of the library's
 * code: encodings decoded by hand, a product taken exactly in double and rounded to float once
 * ({@code (float)}), then rounded to the format by this class's own round-to-nearest-even; a
 * multiplied NaN comes out as itself with the quiet bit set, a selected element keeps its bits.
 * The slope gradient is the float slope gradient of the widened tensors, as the contract states
 * it: {@link PreluOracle} on the decoded floats.
 *
 * <p>Tensors are {@code short[]} of encodings, slopes and {@code dw} floats. Shapes as
 * {@link PreluOracle}.
 */
final class PreluHalfOracle {
    private PreluHalfOracle() {}

    /** A 16-bit format as the contract defines it. */
    enum Kind {
        /** bfloat16: sign, 8 exponent bits, 7 significand bits; the upper half of a float. */
        BF16(Format.BF16, 8, 7),
        /** IEEE binary16: sign, 5 exponent bits, 10 significand bits. */
        F16(Format.F16, 5, 10);

        final Format format;
        final int exponentBits;
        final int significandBits;
        final short quietBit;
        final short infinity;

        Kind(Format format, int exponentBits, int significandBits) {
            this.format = format;
            this.exponentBits = exponentBits;
            this.significandBits = significandBits;
            this.quietBit = (short) (1 << (significandBits - 1));
            this.infinity = (short) (((1 << exponentBits) - 1) << significandBits);
        }

        private int bias() {
            return (1 << (exponentBits - 1)) - 1;
        }

        boolean isNaN(short h) {
            return (h & 0x7FFF) > infinity;
        }

        /** The value of an encoding, exactly; a NaN as a float NaN of the same sign and payload. */
        float decode(short h) {
            int sign = h & 0x8000;
            int exponent = (h & 0x7FFF) >>> significandBits;
            int significand = h & ((1 << significandBits) - 1);
            if (exponent == (1 << exponentBits) - 1) {
                return Float.intBitsToFloat((sign << 16) | 0x7F800000 | (significand << (23 - significandBits)));
            }
            double magnitude = exponent == 0
                    ? Math.scalb((double) significand, 1 - bias() - significandBits)
                    : Math.scalb((double) ((1 << significandBits) | significand), exponent - bias() - significandBits);
            return (float) (sign != 0 ? -magnitude : magnitude); // exact: at most 11 significant bits
        }

        /**
         * A float rounded to this format: to nearest, ties to even, overflow to infinity, gradual
         * underflow; a NaN keeps its sign and top payload bits and is quieted.
         */
        short round(float v) {
            int bits = Float.floatToRawIntBits(v);
            int sign = (bits >>> 16) & 0x8000;
            if (Float.isNaN(v)) {
                return (short) (sign | infinity | quietBit | ((bits & 0x007FFFFF) >>> (23 - significandBits)));
            }
            double a = Math.abs((double) v);
            int minExponent = 1 - bias();
            // The quantum of the binade (or of the subnormals), and the significand in quanta, rounded.
            int e = a == 0 ? minExponent : Math.max(Math.getExponent(a), minExponent);
            double quanta = Math.rint(Math.scalb(a, significandBits - e)); // ties to even; exact scaling
            int magnitude;
            if (a < Math.scalb(1.0, minExponent)) {
                magnitude = (int) quanta; // subnormal, or up to the smallest normal exactly
            } else {
                magnitude = ((e + bias()) << significandBits) + (int) quanta - (1 << significandBits);
            }
            if (magnitude >= (infinity & 0xFFFF) || e > bias()) {
                magnitude = infinity;
            }
            return (short) (sign | magnitude);
        }

        /** {@code operand * slope}: a NaN quieted, else the exact product rounded to float, then to the format. */
        short product(short operand, float slope) {
            if (isNaN(operand)) {
                return (short) (operand | quietBit);
            }
            float x = decode(operand);
            double exact = (double) x * (double) slope;
            // Infinity times zero has no exact product: the NaN is this JVM's multiply's.
            return round(Double.isNaN(exact) ? x * slope : (float) exact);
        }

        /** Whether an encoding's value is above zero. */
        boolean positive(short h) {
            return !isNaN(h) && (h & 0x8000) == 0 && h != 0;
        }

        /** Ordinary values, one in twelve a special encoding (NaNs with payloads, infinities, zeros, subnormals, extremes). */
        short[] values(int n, SplittableRandom random) {
            short[] specials = specials();
            short[] h = new short[n];
            for (int i = 0; i < n; i++) {
                h[i] = random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)]
                        : round((float) (random.nextDouble() * 8 - 4));
            }
            return h;
        }

        /** The encodings where rounding, selection and NaN rules are most likely to go wrong. */
        short[] specials() {
            int max = (infinity & 0xFFFF) - 1;
            int quiet = quietBit & 0xFFFF;
            return new short[] {
                0, (short) 0x8000, // ±0
                infinity, (short) (infinity | 0x8000), // ±Inf
                (short) (infinity | quiet), (short) (infinity | quiet | 0x8000), // quiet NaNs
                (short) (infinity | quiet | 5), (short) (infinity | 1), (short) (infinity | 0x8000 | 3), // payloads, signalling
                1, (short) 0x8001, (short) (quiet - 1), // subnormals
                (short) (1 << significandBits), (short) ((1 << significandBits) | 0x8000), // ±smallest normal
                (short) max, (short) (max | 0x8000), // ±largest finite
                round(1f), round(-1f), round(-0.5f), round(1e-3f), round(-3.14159f),
            };
        }
    }

    static short[] forward(Kind k, boolean last, int channels, int spatial, short[] x, float[] w) {
        short[] y = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = k.positive(x[i]) ? x[i] : k.product(x[i], w[PreluOracle.channel(last, channels, spatial, i)]);
        }
        return y;
    }

    static short[] inputGradient(Kind k, boolean last, int channels, int spatial, short[] x, short[] dy, float[] w) {
        short[] dx = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = k.positive(x[i]) ? dy[i] : k.product(dy[i], w[PreluOracle.channel(last, channels, spatial, i)]);
        }
        return dx;
    }

    /** The contract's float slope gradient of the tensors widened to float. */
    static float[] slopeGradient(Kind k, boolean last, int channels, int spatial, short[] x, short[] dy) {
        double[] dw = PreluOracle.slopeGradient(Element.FLOAT, last, channels, spatial, widenedBits(k, x),
                widenedBits(k, dy));
        float[] out = new float[dw.length];
        for (int c = 0; c < dw.length; c++) {
            out[c] = (float) dw[c];
        }
        return out;
    }

    /** The tensor decoded to floats. */
    static float[] widened(Kind k, short[] h) {
        float[] v = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            v[i] = k.decode(h[i]);
        }
        return v;
    }

    private static long[] widenedBits(Kind k, short[] h) {
        long[] bits = new long[h.length];
        for (int i = 0; i < h.length; i++) {
            bits[i] = Integer.toUnsignedLong(Float.floatToRawIntBits(k.decode(h[i])));
        }
        return bits;
    }

    /** Two floats the same for {@code dw}: equal bits, or both NaN (a NaN sum's payload is unspecified). */
    static boolean sameSum(float expected, float actual) {
        return Float.isNaN(expected) ? Float.isNaN(actual)
                : Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(actual);
    }

    static String hex(short h) {
        return String.format("0x%04x", h & 0xFFFF);
    }
}
