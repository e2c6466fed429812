package io.github.relu4j.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The data every kernel benchmark runs on: a pool of input pairs from {@link Inputs} in one
 * element format, and one output array. Code with a branch per element (the scalar reference,
 * the plain loops) takes the pool's pairs in turn ({@link #next()}) so that it meets signs it
 * cannot have learned; branch-free code (the vector kernels, the bounds, the loops C2 vectorises)
 * takes one pair ({@link #resident()}), so that its working set is its size's and it exercises
 * the cache level that size was chosen for ({@link SizeClasses}). A benchmark that takes only
 * this state (a bound) is measured once per format, size and data, not once per kernel.
 */
@State(Scope.Thread)
public class KernelData {
    /** {@code F32}: float[]; {@code F64}: double[]. */
    @Param({"F32", "F64"})
    public String format;

    /** Elements per call. */
    @Param({"1024", "16384", "262144", "4194304"})
    public int size;

    /** {@code random}: half negative, in random order; {@code positive}: all positive (predictable branches). */
    @Param({"random"})
    public String data;

    /** Whether the format is F32 (else F64), read by every benchmark before it casts. */
    public boolean f32;
    /** Input pools, float[][] or double[][]. */
    public float[][] fx;
    public float[][] fdy;
    public float[] fout;
    public double[][] dx;
    public double[][] ddy;
    public double[] dout;
    private int next;
    private int mask;

    @Setup(Level.Trial)
    public void setUp() {
        boolean positive = switch (data) {
            case "random" -> false;
            case "positive" -> true;
            default -> throw new IllegalArgumentException("data: random or positive, not " + data);
        };
        f32 = switch (format) {
            case "F32" -> true;
            case "F64" -> false;
            default -> throw new IllegalArgumentException("format: F32 or F64, not " + format);
        };
        if (f32) {
            fx = Inputs.floats(size, 1, positive);
            fdy = Inputs.floats(size, 2, positive);
            fout = new float[size];
            mask = fx.length - 1;
        } else {
            dx = Inputs.doubles(size, 1, positive);
            ddy = Inputs.doubles(size, 2, positive);
            dout = new double[size];
            mask = dx.length - 1;
        }
    }

    /**
     * The input pair for branch-free code: always the first. Its speed does not depend on the sign
     * pattern, and one pair keeps the working set at its size's: input(s) and output.
     */
    public int resident() {
        return 0;
    }

    /** Index of the next input pair in the pool, for code whose branches could learn one. */
    public int next() {
        return next = (next + 1) & mask;
    }

    /** The output array, for the benchmark to return. */
    public Object out() {
        return f32 ? fout : dout;
    }
}
