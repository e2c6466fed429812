package io.github.relu4j;

import java.util.List;

/**
 * The contract, computed from the bits alone: signs, zeros and NaNs from the encoding, order from
 * the sign-magnitude key ({@link #key}), and products as the exact product rounded once
 * (float: the double product, which is exact for two floats, rounded to float; double:
 * {@code fma(v, alpha, -0.0)}), which is what an IEEE multiply is defined to return; the 16-bit
 * formats by {@link HalfOracle}. Nothing here runs the formulas under test. Every op of the
 * catalogue has its rules and its test parameters here; the switches are exhaustive, so a new op
 * does not compile until it has them.
 */
final class Oracle {
    private Oracle() {}

    /** The parameter pairs every test runs an op with, in every format. */
    static List<double[]> params(Op op) {
        return switch (op) {
            case RELU -> List.of(new double[] {0, 0});
            case LEAKY_RELU -> SpecialValues.ALPHAS_AS_PARAMS;
            // ReLU6; a symmetric range; an empty one (min == max)
            case HARDTANH -> List.of(new double[] {0, 6}, new double[] {-1, 1}, new double[] {0.5, 0.5});
            // ReLU but for -0.0; a negative replacement; a threshold below zero
            case THRESHOLD -> List.of(new double[] {0, 0}, new double[] {0.5, -2}, new double[] {-1, 3});
        };
    }

    /**
     * More pairs for the 16-bit kernels, which round their parameters and products: a slope whose
     * products are subnormals (binary16 below 61, bfloat16 below 1e-32), a negative one whose
     * products overflow (binary16 above 218; bfloat16 above 1e36, in float or only in its own
     * rounding); bounds that are not representable, and one of 1e-41, which rounds to +0 in both
     * formats while its float is not zero (so Hardtanh's forward, which compares with the rounded
     * bound, keeps a -0 that its backward and a float compare would not); a threshold and a value
     * that round, and a positive threshold below every subnormal with a value that rounds to -0.
     * The exhaustive sweeps and the scalar contract run them; the lane, storage and argument tests
     * run {@link #params}, the same in every format.
     */
    static List<double[]> roundedParams(Op op) {
        return switch (op) {
            case RELU -> List.of();
            case LEAKY_RELU -> List.of(new double[] {1e-6, 0}, new double[] {-300, 0});
            case HARDTANH -> List.of(new double[] {-0.1, 0.3}, new double[] {1e-41, 1});
            case THRESHOLD -> List.of(new double[] {0.1, -0.3}, new double[] {1e-41, -1e-41});
        };
    }

    /** {@link #params}, and for a 16-bit format {@link #roundedParams} too. */
    static List<double[]> params(Op op, Element e) {
        List<double[]> pairs = new java.util.ArrayList<>(params(op));
        if (e.size() == Short.SIZE) {
            pairs.addAll(roundedParams(op));
        }
        return pairs;
    }

    /** One typical pair of {@link #params}, for tests that run each op once. */
    static double[] typical(Op op) {
        return switch (op) {
            case RELU -> new double[] {0, 0};
            case LEAKY_RELU -> new double[] {0.2, 0};
            case HARDTANH -> new double[] {-1, 1};
            case THRESHOLD -> new double[] {0.5, -2};
        };
    }

    /** The forward output for input bits {@code x}. */
    static long forward(Op op, Element e, long x, double p, double q) {
        long[] out = new long[1];
        forward(op, e, p, q, new long[] {x}, out, 1);
        return out[0];
    }

    /** The backward output for forward input bits {@code x} and output gradient bits {@code dy}. */
    static long backward(Op op, Element e, long x, long dy, double p, double q) {
        long[] out = new long[1];
        backward(op, e, p, q, new long[] {x}, new long[] {dy}, out, 1);
        return out[0];
    }

    /**
     * The forward outputs for {@code x[0 .. n)} into {@code out}: one loop per op, so that a sweep
     * over all 2^32 floats runs nothing but the rule per element. The encoding's facts are read
     * into locals once: {@code m} is the magnitude bits, a NaN has {@code m > inf}, a value is
     * negative when its sign bit is set and {@code m != 0}, and {@link #key} orders the rest.
     */
    static void forward(Op op, Element e, double p, double q, long[] x, long[] out, int n) {
        if (e.size() == Short.SIZE) {
            HalfOracle.forward(op, e, p, q, x, out, n);
            return;
        }
        long sign = e.signBit;
        long magnitude = sign - 1;
        long inf = e.exponentMask;
        long lo = e.param(p);
        long hi = e.param(q);
        long loKey = key(lo, sign, magnitude);
        long hiKey = key(hi, sign, magnitude);
        switch (op) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long m = v & magnitude;
                    out[i] = (v & sign) != 0 && m != 0 && m <= inf ? 0 : v;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long m = v & magnitude;
                    out[i] = (v & sign) == 0 && m != 0 && m <= inf ? v : product(e, v, p);
                }
            }
            case HARDTANH -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long k = key(v, sign, magnitude);
                    out[i] = (v & magnitude) > inf ? v : k < loKey ? lo : k > hiKey ? hi : v;
                }
            }
            case THRESHOLD -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    out[i] = (v & magnitude) <= inf && key(v, sign, magnitude) <= loKey ? hi : v;
                }
            }
        }
    }

    /** The backward outputs for {@code x[0 .. n)} and {@code dy[0 .. n)} into {@code out}, as {@link #forward}. */
    static void backward(Op op, Element e, double p, double q, long[] x, long[] dy, long[] out, int n) {
        if (e.size() == Short.SIZE) {
            HalfOracle.backward(op, e, p, q, x, dy, out, n);
            return;
        }
        long sign = e.signBit;
        long magnitude = sign - 1;
        long inf = e.exponentMask;
        long loKey = key(e.param(p), sign, magnitude);
        long hiKey = key(e.param(q), sign, magnitude);
        switch (op) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long m = v & magnitude;
                    out[i] = m == 0 || ((v & sign) != 0 && m <= inf) ? 0 : dy[i];
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long m = v & magnitude;
                    out[i] = (v & sign) == 0 && m != 0 && m <= inf ? dy[i] : product(e, dy[i], p);
                }
            }
            case HARDTANH -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    long k = key(v, sign, magnitude);
                    out[i] = (v & magnitude) <= inf && (k <= loKey || k >= hiKey) ? 0 : dy[i];
                }
            }
            case THRESHOLD -> {
                for (int i = 0; i < n; i++) {
                    long v = x[i];
                    out[i] = (v & magnitude) <= inf && key(v, sign, magnitude) <= loKey ? 0 : dy[i];
                }
            }
        }
    }

    /**
     * A key that orders non-NaN encodings as their values: the magnitude bits, negated for a set
     * sign, so that -0.0 and +0.0 are equal.
     */
    private static long key(long bits, long sign, long magnitude) {
        long m = bits & magnitude;
        return (bits & sign) != 0 ? -m : m;
    }

    /** Whether the backward kernel gives the same bits from the forward output as from the input. */
    static boolean backwardTakesTheOutput(Op op, Element e, double p, double q) {
        if (e.size() == Short.SIZE) {
            // The outputs a 16-bit kernel writes are the parameters rounded to the format: a bound
            // or value that rounds across the float compared with backward changes the answer.
            Encoding h = HalfOracle.encoding(e);
            return switch (op) {
                case RELU -> true;
                case LEAKY_RELU -> p >= 0;
                case HARDTANH -> h.value(HalfOracle.written(e, p)) <= HalfOracle.asFloat(p)
                        && h.value(HalfOracle.written(e, q)) >= HalfOracle.asFloat(q);
                case THRESHOLD -> h.value(HalfOracle.written(e, q)) <= HalfOracle.asFloat(p);
            };
        }
        return switch (op) {
            case RELU, HARDTANH -> true;
            case LEAKY_RELU -> p >= 0;
            case THRESHOLD -> q <= p;
        };
    }

    /**
     * bits * alpha: a NaN keeps its payload and is quieted; otherwise the exact product rounded
     * once. An infinity times zero has no exact product: IEEE 754 leaves the sign and payload of
     * that NaN to the machine (x86 gives a negative one, aarch64 a positive one), so it is this
     * JVM's own multiply's. ({@code Math.fma} would not do: without an FMA instruction it is
     * computed in software and returns {@code Double.NaN}.)
     */
    static long product(Element e, long bits, double alpha) {
        if (e.size() == Short.SIZE) {
            return HalfOracle.product(e, bits, alpha);
        }
        if (e.isNaN(bits)) {
            return bits | e.quietBit;
        }
        if (e == Element.FLOAT) {
            float x = Float.intBitsToFloat((int) bits);
            double exact = (double) x * (double) (float) alpha;
            return Integer.toUnsignedLong(Float.floatToRawIntBits(Double.isNaN(exact) ? x * (float) alpha : (float) exact));
        }
        double x = Double.longBitsToDouble(bits);
        double exact = Math.fma(x, alpha, -0.0);
        return Double.doubleToRawLongBits(Double.isNaN(exact) ? x * alpha : exact);
    }
}
