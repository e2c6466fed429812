package io.github.relu4j;

/**
 * The mask's contract, from the bits alone: bit {@code i} is set where the plain backward kernel
 * passes {@code dy} unchanged. ReLU: {@code !(x <= 0)} (NaN sets it); Leaky ReLU: {@code x > 0};
 * Hardtanh: {@code !(x <= min || x >= max)}; Threshold: {@code !(x <= threshold)}. Floats and
 * doubles compare with the parameter rounded to their type, through {@link Oracle}'s
 * sign-magnitude order; the 16-bit formats compare their exact values with the float parameters
 * ({@link HalfOracle#gradient}), as their backward kernels do.
 */
final class GateOracle {
    private GateOracle() {}

    static boolean passes(Op op, Element e, long x, double p, double q) {
        if (e.size() == Short.SIZE) {
            return HalfOracle.gradient(op, e, x, p, q) == HalfOracle.Gradient.DY;
        }
        if (e.isNaN(x)) { // fails every comparison
            return op != Op.LEAKY_RELU;
        }
        long k = key(e, x);
        return switch (op) {
            case RELU, LEAKY_RELU -> k > 0;
            case HARDTANH -> k > key(e, e.param(p)) && k < key(e, e.param(q));
            case THRESHOLD -> k > key(e, e.param(p));
        };
    }

    /** Non-NaN encodings ordered as their values, -0 equal to +0. */
    private static long key(Element e, long bits) {
        long m = bits & (e.signBit - 1);
        return (bits & e.signBit) != 0 ? -m : m;
    }

    /** Whether a sum's bits are above zero: not NaN, not a zero, sign clear (what the counts count). */
    static boolean positive(Element e, long bits) {
        return !e.isNaN(bits) && key(e, bits) > 0;
    }
}
