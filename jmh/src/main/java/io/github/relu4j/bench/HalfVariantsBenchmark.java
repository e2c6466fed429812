package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The design study of the 16-bit kernels: where the library converts and where it does not,
 * against the alternatives of {@link HalfVariants}, forward, on one array of each format.
 * Binary16 Leaky ReLU: {@code leakyReluF16Library}, the library (staged through the JDK's
 * conversions, {@code F16Products}); {@code leakyReluF16Plain}, a plain loop of the JDK's conversions;
 * {@code leakyReluF16Staged}, those conversions staged through a float chunk around float
 * vectors; and bfloat16's ({@code leakyReluBF16Library}, which converts by shifts) beside them.
 * ReLU, both formats: {@code *Library}, the library (an integer comparison of the
 * encodings at the preferred width, no conversion); {@code *Widened}, widened to float and
 * compared there. The library's calls include their argument checks, a few ns a call. Each call
 * takes the next input of a 1 MiB pool ({@link Inputs}), as the plain loop has a branch per
 * element whose signs one array would teach the branch predictor; the pool and the output stay
 * in L2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class HalfVariantsBenchmark {
    private static final float ALPHA = 0.01f;
    private static final Activation RELU = Activation.relu().on(Engine.vector());
    private static final Activation LEAKY = Activation.leakyRelu(ALPHA).on(Engine.vector());

    /** 16 Ki and this machine's L2 size ({@code ./bench} passes it). */
    @Param({"16384", "43008"})
    public int size;

    private short[][] bf16;
    private short[][] f16;
    private short[] out;
    private final float[] scratch = new float[HalfVariants.CHUNK];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bf16 = Inputs.halfPool(size, 1, true);
        f16 = Inputs.halfPool(size, 1, false);
        out = new short[size];
    }

    /** Index of the next input in the pools. */
    private int next() {
        return next = (next + 1) & (f16.length - 1);
    }

    @Benchmark
    public short[] leakyReluF16Library() {
        LEAKY.forwardF16(f16[next()], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public short[] leakyReluF16Plain() {
        HalfVariants.leakyReluF16Plain(f16[next()], out, size, ALPHA);
        return out;
    }

    @Benchmark
    public short[] leakyReluF16Staged() {
        HalfVariants.leakyReluF16Staged(f16[next()], out, size, ALPHA, scratch);
        return out;
    }

    /** Bfloat16 Leaky ReLU, the library's: what a conversion by shifts costs, beside binary16's. */
    @Benchmark
    public short[] leakyReluBF16Library() {
        LEAKY.forwardBF16(bf16[next()], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public short[] reluBF16Library() {
        RELU.forwardBF16(bf16[next()], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public short[] reluBF16Widened() {
        HalfVariants.reluBF16Widened(bf16[next()], out, size);
        return out;
    }

    @Benchmark
    public short[] reluF16Library() {
        RELU.forwardF16(f16[next()], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public short[] reluF16Widened() {
        HalfVariants.reluF16Widened(f16[next()], out, size);
        return out;
    }
}
