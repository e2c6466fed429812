package io.github.relu4j;

/**
 * The contract's "16-bit formats" section, computed from the bits alone for {@link Element#BF16}
 * and {@link Element#F16}: every encoding is decoded to its exact value ({@link Encoding}),
 * compared with the float parameters as values, and a product is the exact product of the value
 * and the float {@code alpha}, rounded to binary32 and then to the format, each rounding written
 * out in integer arithmetic. NaNs and zeros follow the contract's words: a selected NaN keeps its
 * bits, a multiplied one is the input with the quiet bit set, every zero written is {@code +0}.
 * Nothing here runs the library's conversions ({@code Halves}, {@code HalfLanes},
 * {@code VectorHalves}) or the JDK's ({@code Float.floatToFloat16} and the like).
 */
final class HalfOracle {
    private HalfOracle() {}

    /** What a backward kernel returns for one {@code x}, whatever {@code dy}: the contract decides on {@code x} alone. */
    enum Gradient {
        /** {@code dy}'s bits. */
        DY,
        /** {@code +0}. */
        ZERO,
        /** {@code round16(round32(dy * alpha))}. */
        PRODUCT
    }

    static Encoding encoding(Element e) {
        return switch (e) {
            case BF16 -> Encoding.BFLOAT16;
            case F16 -> Encoding.BINARY16;
            case FLOAT, DOUBLE -> throw new IllegalArgumentException(e + " is not a 16-bit format");
        };
    }

    /** A parameter as the kernels use it: the double given, rounded to float; its exact value. */
    static double asFloat(double p) {
        return Encoding.BINARY32.value(Encoding.BINARY32.round(p));
    }

    /** A parameter written by a kernel: rounded once from its float to the format. */
    static long written(Element e, double p) {
        return encoding(e).round(asFloat(p));
    }

    /** The forward outputs for {@code x[0 .. n)} into {@code out}. */
    static void forward(Op op, Element e, double p, double q, long[] x, long[] out, int n) {
        Encoding h = encoding(e);
        double a = asFloat(p);
        // Hardtanh forward compares with its bounds rounded to the format; Threshold with its float threshold.
        long lo = written(e, p);
        long hi = written(e, q);
        double loValue = h.value(lo);
        double hiValue = h.value(hi);
        for (int i = 0; i < n; i++) {
            long v = x[i];
            if (h.isNaN(v)) { // fails every comparison: selected as it is, or multiplied
                out[i] = op == Op.LEAKY_RELU ? product(h, v, a) : v;
                continue;
            }
            double value = h.value(v);
            out[i] = switch (op) {
                case RELU -> value < 0 ? 0 : v;
                case LEAKY_RELU -> value > 0 ? v : product(h, v, a);
                case HARDTANH -> value < loValue ? lo : value > hiValue ? hi : v;
                case THRESHOLD -> value <= a ? hi : v;
            };
        }
    }

    /** The backward outputs for {@code x[0 .. n)} and {@code dy[0 .. n)} into {@code out}. */
    static void backward(Op op, Element e, double p, double q, long[] x, long[] dy, long[] out, int n) {
        Encoding h = encoding(e);
        for (int i = 0; i < n; i++) {
            out[i] = switch (gradient(op, e, x[i], p, q)) {
                case DY -> dy[i];
                case ZERO -> 0;
                case PRODUCT -> product(h, dy[i], asFloat(p));
            };
        }
    }

    /** Which of dy, +0 or dy * alpha the backward kernel returns at {@code x}: every comparison with a float parameter. */
    static Gradient gradient(Op op, Element e, long x, double p, double q) {
        Encoding h = encoding(e);
        if (h.isNaN(x)) { // fails every comparison
            return op == Op.LEAKY_RELU ? Gradient.PRODUCT : Gradient.DY;
        }
        double value = h.value(x);
        return switch (op) {
            case RELU -> value <= 0 ? Gradient.ZERO : Gradient.DY;
            case LEAKY_RELU -> value > 0 ? Gradient.DY : Gradient.PRODUCT;
            case HARDTANH -> value <= asFloat(p) || value >= asFloat(q) ? Gradient.ZERO : Gradient.DY;
            case THRESHOLD -> value <= asFloat(p) ? Gradient.ZERO : Gradient.DY;
        };
    }

    /** {@code bits * alpha} in format {@code e}, {@code alpha} as given to the factory. */
    static long product(Element e, long bits, double alpha) {
        return product(encoding(e), bits, asFloat(alpha));
    }

    /**
     * {@code round16(round32(value * alpha))}, {@code alpha} a float's value. A NaN comes out as
     * itself with the quiet bit set. Infinity times zero has no exact product: as for floats
     * ({@link Oracle#product}), the NaN is this JVM's float multiply's, narrowed as the contract
     * narrows a NaN.
     */
    private static long product(Encoding h, long bits, double alpha) {
        if (h.isNaN(bits)) {
            return bits | h.quietBit();
        }
        double value = h.value(bits);
        double exact = value * alpha; // two significands of at most 24 bits: exact in a double
        if (Double.isNaN(exact)) {
            return h.narrowNaN(Float.floatToRawIntBits((float) value * (float) alpha));
        }
        return h.round(Encoding.BINARY32.value(Encoding.BINARY32.round(exact)));
    }
}
