package io.github.relu4j.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The tensors of {@link PreluBenchmark}: one input pair from {@link Inputs} (the first of the
 * pools {@link KernelData} uses, so the same numbers) and one output, in one element format.
 * Every benchmark there is branch-free, so one resident pair is enough, as for the vector kernels
 * of {@link KernelsBenchmark}. The sizes are the targets': 16 Ki (one NCHW sample of
 * {@link PreluShape}'s default shape) and 4 Mi (256 samples).
 */
@State(Scope.Thread)
public class PreluData {
    /** {@code F32}: float[]; {@code F64}: double[]. */
    @Param({"F32", "F64"})
    public String format;

    /** Elements per call: whole groups of every layout of {@link PreluShape}. */
    @Param({"16384", "4194304"})
    public int size;

    public boolean f32;
    public float[] fx;
    public float[] fdy;
    public float[] fout;
    public double[] dx;
    public double[] ddy;
    public double[] dout;

    @Setup(Level.Trial)
    public void setUp() {
        f32 = switch (format) {
            case "F32" -> true;
            case "F64" -> false;
            default -> throw new IllegalArgumentException("format: F32 or F64, not " + format);
        };
        if (f32) {
            fx = Inputs.floats(size, 1)[0];
            fdy = Inputs.floats(size, 2)[0];
            fout = new float[size];
        } else {
            dx = Inputs.doubles(size, 1)[0];
            ddy = Inputs.doubles(size, 2)[0];
            dout = new double[size];
        }
    }

    /** The output array, for the benchmark to return. */
    public Object out() {
        return f32 ? fout : dout;
    }
}
