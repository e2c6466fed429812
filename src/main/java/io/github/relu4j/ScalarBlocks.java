package io.github.relu4j;

/**
 * The reference {@link BlockKernels}: the definitions, an element at a time, for every format
 * (16-bit elements through {@link Halves}). The scalar and portable engines run these.
 */
final class ScalarBlocks implements BlockKernels {
    static final ScalarBlocks INSTANCE = new ScalarBlocks();

    private ScalarBlocks() {}

    /** Element {@code i} of an array of {@code f}, as a double (exact for every format). */
    private static double value(Format f, Object a, int i) {
        return switch (f) {
            case F32 -> ((float[]) a)[i];
            case F64 -> ((double[]) a)[i];
            case BF16, F16 -> Halves.toFloat(f, ((short[]) a)[i]);
        };
    }

    @Override
    public void gate(Op op, Format f, Object x, int off, int n, double p, double q, long[] words) {
        double low = f == Format.F64 ? op.gateLow(p) : (float) op.gateLow(p);
        double high = f == Format.F64 ? op.gateHigh(q) : (float) op.gateHigh(q);
        java.util.Arrays.fill(words, 0, (int) MaskWords.words(n), 0L);
        for (int i = 0; i < n; i++) {
            double v = value(f, x, off + i);
            boolean passes = !(v <= low) && !(v >= high) && (!op.scales || v == v);
            if (passes) {
                words[i >>> 6] |= 1L << i;
            }
        }
    }

    @Override
    public void gradient(Op op, Format f, long[] words, Object dy, int dyOff, Object dx, int dxOff, int n,
                         double alpha, Object inputs) {
        boolean leaky = op.gateGradient() == Op.LEAKY_RELU;
        for (int i = 0; i < n; i++) {
            boolean passes = (words[i >>> 6] >>> i & 1) != 0;
            switch (f) {
                case F32 -> {
                    float x = passes ? 1f : -1f;
                    float g = ((float[]) dy)[dyOff + i];
                    ((float[]) dx)[dxOff + i] = leaky ? ScalarLanes.leakyReluGradient(x, g, (float) alpha)
                            : ScalarLanes.reluGradient(x, g);
                }
                case F64 -> {
                    double x = passes ? 1d : -1d;
                    double g = ((double[]) dy)[dyOff + i];
                    ((double[]) dx)[dxOff + i] = leaky ? ScalarLanes.leakyReluGradient(x, g, alpha)
                            : ScalarLanes.reluGradient(x, g);
                }
                case BF16, F16 -> {
                    short x = Halves.round(f, passes ? 1f : -1f);
                    short g = ((short[]) dy)[dyOff + i];
                    ((short[]) dx)[dxOff + i] = leaky ? HalfLanes.leakyReluGradient(f, x, g, (float) alpha)
                            : HalfLanes.reluGradient(f, x, g);
                }
            }
        }
    }

    @Override
    public void inputs(Format f, long[] words, int n, Object inputs) {
        for (int i = 0; i < n; i++) {
            boolean set = (words[i >>> 6] >>> i & 1) != 0;
            switch (f) {
                case F32 -> ((float[]) inputs)[i] = set ? 1f : -1f;
                case F64 -> ((double[]) inputs)[i] = set ? 1d : -1d;
                case BF16, F16 -> ((short[]) inputs)[i] = Halves.round(f, set ? 1f : -1f);
            }
        }
    }

    @Override
    public void addRow(Format f, Object x, int xOff, Object y, int yOff, int n, Object bias, int biasOff) {
        for (int i = 0; i < n; i++) {
            add(f, x, xOff + i, y, yOff + i, ChannelDriver.slope(f, bias, biasOff + i));
        }
    }

    @Override
    public void addRun(Format f, Object x, int xOff, Object y, int yOff, int n, double bias) {
        for (int i = 0; i < n; i++) {
            add(f, x, xOff + i, y, yOff + i, bias);
        }
    }

    /** One sum: in float for every format but F64 ({@code b} is then a float's value). */
    private static void add(Format f, Object x, int i, Object y, int j, double b) {
        switch (f) {
            case F32 -> ((float[]) y)[j] = ((float[]) x)[i] + (float) b;
            case F64 -> ((double[]) y)[j] = ((double[]) x)[i] + b;
            case BF16, F16 -> ((short[]) y)[j] = Halves.round(f, Halves.toFloat(f, ((short[]) x)[i]) + (float) b);
        }
    }

    @Override
    public void countRow(Format f, Object x, int off, int n, int[] counts, int countsOff) {
        for (int i = 0; i < n; i++) {
            if (value(f, x, off + i) > 0) {
                counts[countsOff + i]++;
            }
        }
    }

    @Override
    public int countRun(Format f, Object x, int off, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (value(f, x, off + i) > 0) {
                count++;
            }
        }
        return count;
    }
}
