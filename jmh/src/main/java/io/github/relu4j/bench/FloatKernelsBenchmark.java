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
public class FloatKernelsBenchmark extends FloatInputs {
    private static final float ALPHA = 0.01f;
    private static final ReluKernels VECTOR = ReluKernels.vector();
    private static final ReluKernels SCALAR = ReluKernels.scalar();

    @Param({"1024", "65536", "4194304"})
    public int size;

    @Setup(Level.Trial)
    public void setUp() {
        allocate(size);
    }

    @Benchmark
    public float[] copy() {
        float[] x = xs[next()];
        System.arraycopy(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardVector() {
        float[] x = xs[next()];
        VECTOR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardScalar() {
        float[] x = xs[next()];
        SCALAR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluForwardPlain() {
        float[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], 0f);
        }
        return out;
    }

    @Benchmark
    public float[] reluBackwardVector() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        VECTOR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardScalar() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        SCALAR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardPlain() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? dy[i] : 0f;
        }
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardVector() {
        float[] x = xs[next()];
        VECTOR.leakyReluForward(x, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardScalar() {
        float[] x = xs[next()];
        SCALAR.leakyReluForward(x, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardPlain() {
        float[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], ALPHA * x[i]);
        }
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardVector() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        VECTOR.leakyReluBackward(x, 0, dy, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardScalar() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        SCALAR.leakyReluBackward(x, 0, dy, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardPlain() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? dy[i] : ALPHA * dy[i];
        }
        return out;
    }
}
