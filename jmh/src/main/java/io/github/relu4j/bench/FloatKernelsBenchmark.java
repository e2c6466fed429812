package io.github.relu4j.bench;

import io.github.relu4j.ReluKernels;
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
 * Every float kernel, three ways, beside the memory-copy bound: {@code *Vector} and
 * {@code *Scalar} are {@link ReluKernels#vector()} and {@link ReluKernels#scalar()};
 * {@code *Plain} is the loop a user would write inline. {@code copy} is
 * {@link System#arraycopy} of the same number of elements, the floor for a one-input kernel.
 * Inputs come from {@link Inputs}: half negative, in random order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FloatKernelsBenchmark {
    private static final float ALPHA = 0.01f;
    private static final ReluKernels VECTOR = ReluKernels.vector();
    private static final ReluKernels SCALAR = ReluKernels.scalar();

    @Param({"1024", "65536", "4194304"})
    public int size;

    private float[] x;
    private float[] dy;
    private float[] out;

    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.floats(size, 1);
        dy = Inputs.floats(size, 2);
        out = new float[size];
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardVector() {
        VECTOR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardScalar() {
        SCALAR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardPlain() {
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], 0f);
        }
        return out;
    }

    @Benchmark
    public float[] reluBackwardVector() {
        VECTOR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardScalar() {
        SCALAR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardPlain() {
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? dy[i] : 0f;
        }
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardVector() {
        VECTOR.leakyReluForward(x, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardScalar() {
        SCALAR.leakyReluForward(x, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardPlain() {
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], ALPHA * x[i]);
        }
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardVector() {
        VECTOR.leakyReluBackward(x, 0, dy, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardScalar() {
        SCALAR.leakyReluBackward(x, 0, dy, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardPlain() {
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? dy[i] : ALPHA * dy[i];
        }
        return out;
    }
}
