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
 * Every double kernel, three ways, beside the memory-copy bound: {@code *Vector} and
 * {@code *Scalar} are {@link ReluKernels#vector()} and {@link ReluKernels#scalar()};
 * {@code *Plain} is the loop a user would write inline. {@code copy} is
 * {@link System#arraycopy} of the same number of elements, the floor for a one-input kernel.
 * Inputs come from {@link Inputs}: half negative, in random order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DoubleKernelsBenchmark extends DoubleInputs {
    private static final double ALPHA = 0.01;
    private static final ReluKernels VECTOR = ReluKernels.vector();
    private static final ReluKernels SCALAR = ReluKernels.scalar();

    @Param({"1024", "65536", "4194304"})
    public int size;

    @Setup(Level.Trial)
    public void setUp() {
        allocate(size);
    }

    @Benchmark
    public double[] copy() {
        double[] x = xs[next()];
        System.arraycopy(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluForwardVector() {
        double[] x = xs[next()];
        VECTOR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluForwardScalar() {
        double[] x = xs[next()];
        SCALAR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluForwardPlain() {
        double[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], 0d);
        }
        return out;
    }

    @Benchmark
    public double[] reluBackwardVector() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        VECTOR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluBackwardScalar() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        SCALAR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluBackwardPlain() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0d ? dy[i] : 0d;
        }
        return out;
    }

    @Benchmark
    public double[] leakyReluForwardVector() {
        double[] x = xs[next()];
        VECTOR.leakyReluForward(x, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public double[] leakyReluForwardScalar() {
        double[] x = xs[next()];
        SCALAR.leakyReluForward(x, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public double[] leakyReluForwardPlain() {
        double[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], ALPHA * x[i]);
        }
        return out;
    }

    @Benchmark
    public double[] leakyReluBackwardVector() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        VECTOR.leakyReluBackward(x, 0, dy, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public double[] leakyReluBackwardScalar() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        SCALAR.leakyReluBackward(x, 0, dy, 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public double[] leakyReluBackwardPlain() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0d ? dy[i] : ALPHA * dy[i];
        }
        return out;
    }
}
