package io.github.relu4j.bench;

import io.github.relu4j.ReluKernels;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
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
 * Every float kernel, several ways, beside its memory-traffic bound. {@code *Vector} and
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
public class FloatKernelsBenchmark extends FloatInputs {
    private static final float ALPHA = 0.01f;
    private static final ReluKernels VECTOR = ReluKernels.vector();
    private static final ReluKernels SCALAR = ReluKernels.scalar();
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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
    public float[] copy() {
        float[] x = xs[next()];
        System.arraycopy(x, 0, out, 0, size);
        return out;
    }

    /** A Vector API copy loop: the kernels' load and store with nothing between them. */
    @Benchmark
    public float[] vectorCopy() {
        float[] x = xs[next()];
        int i = 0;
        for (int bound = SPECIES.loopBound(size); i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).intoArray(out, i);
        }
        for (; i < size; i++) {
            out[i] = x[i];
        }
        return out;
    }

    @Benchmark
    public float[] add() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] + dy[i];
        }
        return out;
    }

    // ReLU forward.

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
    public float[] reluForwardTernary() {
        float[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] < 0f ? 0f : x[i];
        }
        return out;
    }

    @Benchmark
    public float[] reluForwardMathMax() {
        float[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], 0f);
        }
        return out;
    }

    // ReLU backward.

    @Benchmark
    public float[] reluBackwardVector() {
        int k = next();
        VECTOR.reluBackward(xs[k], 0, dys[k], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardScalar() {
        int k = next();
        SCALAR.reluBackward(xs[k], 0, dys[k], 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardTernary() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? dy[i] : 0f;
        }
        return out;
    }

    // Leaky ReLU forward.

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
    public float[] leakyReluForwardTernary() {
        float[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? x[i] : ALPHA * x[i];
        }
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardMaxOfProduct() {
        float[] x = xs[next()];
        for (int i = 0; i < size; i++) {
            out[i] = Math.max(x[i], ALPHA * x[i]);
        }
        return out;
    }

    // Leaky ReLU backward.

    @Benchmark
    public float[] leakyReluBackwardVector() {
        int k = next();
        VECTOR.leakyReluBackward(xs[k], 0, dys[k], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardScalar() {
        int k = next();
        SCALAR.leakyReluBackward(xs[k], 0, dys[k], 0, out, 0, size, ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardTernary() {
        int k = next();
        float[] x = xs[k];
        float[] dy = dys[k];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] > 0f ? dy[i] : ALPHA * dy[i];
        }
        return out;
    }
}
