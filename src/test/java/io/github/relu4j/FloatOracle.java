package io.github.relu4j;

/**
 * {@link Oracle}'s float rules written again on int bits, for the sweeps of
 * {@link ExhaustiveFloatTest}: the same tests on the encoding (magnitude, sign, the ordering key,
 * NaN above infinity) and the same product, without the generic oracle's long arrays and
 * per-format lookups, so that a sweep over all 2^32 patterns spends its time in the kernels it
 * checks (the generic oracle took about half of it). {@code FloatOracleTest} holds these bits
 * to {@link Oracle}'s on every sweep, over special and random stretches of patterns.
 */
final class FloatOracle {
    private static final int SIGN = 0x8000_0000;
    private static final int MAGNITUDE = 0x7fff_ffff;
    private static final int INF = 0x7f80_0000;
    private static final int QUIET = 0x0040_0000;

    private FloatOracle() {}

    /**
     * The contract's output bits of {@code sweep} for swept patterns {@code base .. base + n - 1},
     * into {@code out[offset ..]}: what {@link FloatSweep#expected} gives.
     */
    static void expected(FloatSweep sweep, int base, int[] out, int offset, int n) {
        float alpha = (float) sweep.p();
        int lo = Float.floatToRawIntBits(alpha); // alpha, min or threshold: the first parameter
        int hi = Float.floatToRawIntBits((float) sweep.q());
        int loKey = key(lo);
        int hiKey = key(hi);
        int fixed = sweep.fixed();
        if (!sweep.backward()) {
            switch (sweep.op()) {
                case RELU -> {
                    for (int i = 0; i < n; i++) {
                        int v = base + i;
                        int m = v & MAGNITUDE;
                        out[offset + i] = v < 0 && m != 0 && m <= INF ? 0 : v;
                    }
                }
                case LEAKY_RELU -> {
                    for (int i = 0; i < n; i++) {
                        int v = base + i;
                        int m = v & MAGNITUDE;
                        out[offset + i] = v >= 0 && m != 0 && m <= INF ? v : product(v, alpha);
                    }
                }
                case HARDTANH -> {
                    for (int i = 0; i < n; i++) {
                        int v = base + i;
                        int k = key(v);
                        out[offset + i] = (v & MAGNITUDE) > INF ? v : k < loKey ? lo : k > hiKey ? hi : v;
                    }
                }
                case THRESHOLD -> {
                    for (int i = 0; i < n; i++) {
                        int v = base + i;
                        out[offset + i] = (v & MAGNITUDE) <= INF && key(v) <= loKey ? hi : v;
                    }
                }
            }
            return;
        }
        // Backward: where the gradient is blocked, the output depends on dy alone (0, or dy * alpha).
        // The per-op loops below restate passes() on purpose: with a switch per element the
        // oracle took 23 ns a pattern over all sweeps, with these loops 14.
        if (sweep.sweepsDy()) {
            // x alternates between the fixed value and its negation (FloatSweep): two gates.
            boolean[] passes = {passes(sweep, fixed, loKey, hiKey), passes(sweep, fixed ^ SIGN, loKey, hiKey)};
            for (int i = 0; i < n; i++) {
                int dy = base + i;
                out[offset + i] = passes[i & 1] ? dy : blocked(sweep, dy, alpha);
            }
            return;
        }
        int dy = fixed;
        int block = blocked(sweep, dy, alpha);
        switch (sweep.op()) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    int v = base + i;
                    int m = v & MAGNITUDE;
                    out[offset + i] = m == 0 || (v < 0 && m <= INF) ? block : dy;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    int v = base + i;
                    int m = v & MAGNITUDE;
                    out[offset + i] = v >= 0 && m != 0 && m <= INF ? dy : block;
                }
            }
            case HARDTANH -> {
                for (int i = 0; i < n; i++) {
                    int v = base + i;
                    int k = key(v);
                    out[offset + i] = (v & MAGNITUDE) <= INF && (k <= loKey || k >= hiKey) ? block : dy;
                }
            }
            case THRESHOLD -> {
                for (int i = 0; i < n; i++) {
                    int v = base + i;
                    out[offset + i] = (v & MAGNITUDE) <= INF && key(v) <= loKey ? block : dy;
                }
            }
        }
    }

    /** Whether the backward passes dy unchanged at input bits {@code v}: the rules of the loops above. */
    private static boolean passes(FloatSweep sweep, int v, int loKey, int hiKey) {
        int m = v & MAGNITUDE;
        return switch (sweep.op()) {
            case RELU -> !(m == 0 || (v < 0 && m <= INF));
            case LEAKY_RELU -> v >= 0 && m != 0 && m <= INF;
            case HARDTANH -> !(m <= INF && (key(v) <= loKey || key(v) >= hiKey));
            case THRESHOLD -> !(m <= INF && key(v) <= loKey);
        };
    }

    /** The backward's output where it does not pass dy: Leaky ReLU's product, else +0. */
    private static int blocked(FloatSweep sweep, int dy, float alpha) {
        return sweep.op() == Op.LEAKY_RELU ? product(dy, alpha) : 0;
    }

    /** Orders non-NaN encodings as their values, with -0.0 equal to +0.0 (as {@link Oracle}'s key). */
    private static int key(int bits) {
        int m = bits & MAGNITUDE;
        return bits < 0 ? -m : m;
    }

    /** bits * alpha as {@link Oracle#product}: a NaN quieted, else the exact product rounded once. */
    private static int product(int bits, float alpha) {
        if ((bits & MAGNITUDE) > INF) {
            return bits | QUIET;
        }
        float x = Float.intBitsToFloat(bits);
        double exact = (double) x * (double) alpha;
        return Float.floatToRawIntBits(Double.isNaN(exact) ? x * alpha : (float) exact);
    }
}
