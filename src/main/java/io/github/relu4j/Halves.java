package io.github.relu4j;

/**
 * The 16-bit formats' conversions, one element at a time, as the contract states them: widening
 * is exact; narrowing rounds to nearest, ties to even, with overflow to infinity and gradual
 * underflow, and turns a NaN into the NaN with its sign and top payload bits and the quiet bit set
 * (for a float that came from widening a 16-bit NaN, that is the input NaN, quieted).
 *
 * <p>{@code Float.floatToFloat16} is not used for NaN: the interpreter's version ORs low payload
 * bits into the result and the compiled intrinsic does not, so the same call could give two
 * answers. Its other values are the rounding the contract states, in both.
 */
final class Halves {
    private Halves() {}

    /** bfloat16 to float: the upper half of the float's encoding. Exact. */
    static float bf16ToFloat(short h) {
        return Float.intBitsToFloat(h << 16);
    }

    /** float to bfloat16: nearest, ties to even; a NaN keeps sign and top 9 payload bits, quieted. */
    static short floatToBF16(float v) {
        int b = Float.floatToRawIntBits(v);
        if (v != v) {
            return (short) ((b >>> 16) | 0x0040);
        }
        return (short) ((b + 0x7FFF + ((b >>> 16) & 1)) >>> 16);
    }

    /**
     * binary16 to float. Exact; a NaN keeps its payload bits as they are (the compiled
     * {@code Float.float16ToFloat} sets the quiet bit of a signalling one, the interpreted one
     * does not).
     */
    static float f16ToFloat(short h) {
        if ((h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0) {
            return Float.intBitsToFloat(((h & 0x8000) << 16) | 0x7F800000 | ((h & 0x03FF) << 13));
        }
        return Float.float16ToFloat(h);
    }

    /** float to binary16: nearest, ties to even; a NaN keeps sign and top 9 payload bits, quieted. */
    static short floatToF16(float v) {
        if (v != v) {
            int b = Float.floatToRawIntBits(v);
            return (short) (((b >>> 16) & 0x8000) | 0x7E00 | ((b >>> 13) & 0x03FF));
        }
        return Float.floatToFloat16(v);
    }

    /**
     * The order of the values of 16-bit encodings, as integers: sign and magnitude to two's
     * complement, with both zeros 0, so adjacent values differ by 1; NaNs land beyond the
     * infinities (set them apart before comparing).
     */
    static short key(short h) {
        int sign = h >> 15; // all ones when negative: negate by complement and increment
        return (short) (((h & 0x7FFF) ^ sign) - sign);
    }

    // Without branches, here and below: the kernels call these on their parameters, and C2 turns a
    // branch whose profile went one way into a trap that the next parameter may spring.

    /** The key of the largest encoding of {@code f} whose value is at most {@code v} (finite). */
    static short floorKey(Format f, float v) {
        short r = roundParameter(f, v);
        return (short) (key(r) - below(v, parameterValue(f, r))); // one less when r is above v
    }

    /** The key of the smallest encoding of {@code f} whose value is at least {@code v} (finite). */
    static short ceilKey(Format f, float v) {
        short r = roundParameter(f, v);
        return (short) (key(r) + below(parameterValue(f, r), v)); // one more when r is below v
    }

    /** 1 if {@code a < b}, else 0 (not NaN): the sign of {@code a - b}, which is +0 when they are equal. */
    private static int below(float a, float b) {
        return Float.floatToRawIntBits(a - b) >>> 31;
    }

    /**
     * {@link #round} for a finite parameter: no NaN case, and for binary16 the JDK's conversion
     * (whose finite results are the contract's), so that C2 sees pure arithmetic it can hoist out
     * of a kernel's loop.
     */
    static short roundParameter(Format f, float v) {
        if (f == Format.BF16) {
            int b = Float.floatToRawIntBits(v);
            return (short) ((b + 0x7FFF + ((b >>> 16) & 1)) >>> 16);
        }
        return Float.floatToFloat16(v);
    }

    /** {@link #toFloat} for an encoding that is not NaN, in the same spirit. */
    static float parameterValue(Format f, short h) {
        return f == Format.BF16 ? Float.intBitsToFloat(h << 16) : Float.float16ToFloat(h);
    }

    /** {@code h} of format {@code f} (BF16 or F16) as a float. */
    static float toFloat(Format f, short h) {
        return f == Format.BF16 ? bf16ToFloat(h) : f16ToFloat(h);
    }

    /** {@code v} rounded to format {@code f} (BF16 or F16). */
    static short round(Format f, float v) {
        return f == Format.BF16 ? floatToBF16(v) : floatToF16(v);
    }
}
