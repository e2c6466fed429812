package io.github.relu4j.bench;

import io.github.relu4j.ReluKernels;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
 * Every double kernel, several ways, beside its memory-traffic bound. {@code *Vector} and
 * {@code *Scalar} are {@link ReluKernels#vector()} and {@link ReluKernels#scalar()};
 * {@code *Ternary} is the branchy loop a user would write inline; {@code reluForwardMathMax} and
 * {@code leakyReluForwardMaxOfProduct} are the {@code Math.max} loops C2 auto-vectorises, which
 * are <em>not</em> the contract (they lose -0.0, and the second is wrong for alpha outside [0, 1]).
 * The bounds move the same bytes with no work: {@code copy} ({@link System#arraycopy}, two
 * streams, as forward kernels) and {@code add} ({@code x + dy}, three streams, as backward kernels);
 * {@code vectorCopy} is a Vector API load/store loop, to tell the kernels' stores from their work.
 * One operation is one call over {@code size} elements. Inputs come from {@link Inputs}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DoubleKernelsBenchmark extends DoubleInputs {
    private static final double ALPHA = 0.01d;
    private static final ReluKernels VECTOR = ReluKernels.vector();
    private static final ReluKernels SCALAR = ReluKernels.scalar();
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Elements per call, from L1-resident (1 Ki) to DRAM-resident (64 Mi: 256 or 512 MiB per array). */
    @Param({"1024", "16384", "262144", "4194304", "67108864"})
    public int size;

    /** {@code random}: half negative, in random order; {@code positive}: all positive (predictable branches). */
    @Param({"random", "positive"})
    public String data;

    @Setup(Level.Trial)
    public void setUp() {
        allocate(size, switch (data) {
            case "random" -> false;
            case "positive" -> true;
            default -> throw new IllegalArgumentException("data: random or positive, not " + data);
        });
    }

    // The bounds.

    @Benchmark
    public double[] copy() {
        double[] x = xs[next()];
        System.arraycopy(x, 0, out, 0, size);
        return out;
    }

    /** A Vector API copy loop: the kernels' load and store with nothing between them. */
    @Benchmark
    public double[] vectorCopy() {
        double[] x = xs[next()];
        int i = 0;
        for (int bound = SPECIES.loopBound(size); i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, i).intoArray(out, i);
        }
        for (; i < size; i++) {
            out[i] = x[i];
        }
        return out;
    }

    @Benchmark
    public double[] add() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] + dy[i];
        }
        return out;
    }

    // ReLU forward.

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
    public double[] reluForwardTernary() {
        double[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] < 0d ? 0d : x[i];
        }
        return out;
    }

    @Benchmark
    public double[] reluForwardMathMax() {
        double[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], 0d);
        }
        return out;
    }

    // ReLU backward.

    @Benchmark
    public double[] reluBackwardVector() {
        int k = next();
        VECTOR.reluBackward(xs[k], 0, dys[k], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluBackwardScalar() {
        int k = next();
        SCALAR.reluBackward(xs[k], 0, dys[k], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public double[] reluBackwardTernary() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0d ? dy[i] : 0d;
        }
        return out;
    }

    // Leaky ReLU forward.

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
    public double[] leakyReluForwardTernary() {
        double[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0d ? x[i] : ALPHA * x[i];
        }
        return out;
    }

    @Benchmark
    public double[] leakyReluForwardMaxOfProduct() {
        double[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], ALPHA * x[i]);
        }
        return out;
    }

    // Leaky ReLU backward.

    @Benchmark
    public double[] leakyReluBackwardVector() {
        int k = next();
        VECTOR.leakyReluBackward(xs[k], 0, dys[k], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public double[] leakyReluBackwardScalar() {
        int k = next();
        SCALAR.leakyReluBackward(xs[k], 0, dys[k], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public double[] leakyReluBackwardTernary() {
        int k = next();
        double[] x = xs[k];
        double[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0d ? dy[i] : ALPHA * dy[i];
        }
        return out;
    }
}
