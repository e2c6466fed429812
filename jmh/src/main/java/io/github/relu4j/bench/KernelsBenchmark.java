package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Every kernel of the catalogue, every way, beside its memory-traffic bound, in every format:
 * {@code vector}, {@code scalar} and {@code portable} are the library on {@link Engine#vector()},
 * {@link Engine#scalar()} (the reference) and {@link Engine#portable()} (what runs without the
 * Vector API module); {@code plain} is the loop a user would write inline
 * ({@link PlainLoops}). The bounds move the same bytes with no work: {@code copy}
 * ({@link System#arraycopy}, two streams, as forward kernels), {@code add} ({@code x + dy}, three
 * streams, as backward kernels), and {@code vectorCopy}, a Vector API load/store loop, to tell
 * the kernels' stores from their work. {@code reluMathMax} and {@code leakyReluMaxOfProduct} are
 * the {@code Math.max} loops C2 vectorises itself, which are <em>not</em> the contract (they lose
 * -0.0, and the second is wrong for alpha outside [0, 1]). One operation is one call over
 * {@code size} elements.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class KernelsBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final float ALPHA = 0.01f;

    @Benchmark
    public Object vector(KernelData d, KernelChoice k) {
        return run(k.vector, k.backward, d, d.resident());
    }

    @Benchmark
    public Object scalar(KernelData d, KernelChoice k) {
        return run(k.scalar, k.backward, d, d.next());
    }

    /** On the pool, as its twin the scalar reference: the ratio between them is the target. */
    @Benchmark
    public Object portable(KernelData d, KernelChoice k) {
        return run(k.portable, k.backward, d, d.next());
    }

    @Benchmark
    public Object plain(KernelData d, KernelChoice k) {
        int i = d.next();
        if (d.f32) {
            k.plain.run(k.backward, d.fx[i], d.fdy[i], d.fout, d.size);
        } else {
            k.plain.run(k.backward, d.dx[i], d.ddy[i], d.dout, d.size);
        }
        return d.out();
    }

    /** One call of {@code a}'s kernel on input pair {@code i} of {@code d}. */
    static Object run(Activation a, boolean backward, KernelData d, int i) {
        int n = d.size;
        if (d.f32) {
            if (backward) {
                a.backward(d.fx[i], 0, d.fdy[i], 0, d.fout, 0, n);
            } else {
                a.forward(d.fx[i], 0, d.fout, 0, n);
            }
        } else if (backward) {
            a.backward(d.dx[i], 0, d.ddy[i], 0, d.dout, 0, n);
        } else {
            a.forward(d.dx[i], 0, d.dout, 0, n);
        }
        return d.out();
    }

    // The bounds.

    @Benchmark
    public Object copy(KernelData d) {
        return arraycopy(d);
    }

    /** {@link System#arraycopy} of the next input. */
    static Object arraycopy(KernelData d) {
        int i = d.resident();
        if (d.f32) {
            System.arraycopy(d.fx[i], 0, d.fout, 0, d.size);
        } else {
            System.arraycopy(d.dx[i], 0, d.dout, 0, d.size);
        }
        return d.out();
    }

    /** A Vector API copy loop: the kernels' load and store with nothing between them. */
    @Benchmark
    public Object vectorCopy(KernelData d) {
        int i = d.resident();
        if (d.f32) {
            vectorCopy(d.fx[i], d.fout, d.size);
        } else {
            vectorCopy(d.dx[i], d.dout, d.size);
        }
        return d.out();
    }

    @Benchmark
    public Object add(KernelData d) {
        int k = d.resident();
        if (d.f32) {
            add(d.fx[k], d.fdy[k], d.fout, d.size);
        } else {
            add(d.dx[k], d.ddy[k], d.dout, d.size);
        }
        return d.out();
    }

    /** The bound of backward kernels, 3 streams: {@code out = x + dy}, a loop C2 vectorises. */
    static void add(float[] x, float[] dy, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] + dy[i];
        }
    }

    static void add(double[] x, double[] dy, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] + dy[i];
        }
    }

    /** ReLU forward on {@link Engine#vector()}, in place. */
    private static final Activation RELU_VECTOR = Activation.relu().on(Engine.vector());

    /**
     * ReLU forward in place ({@code y = x}): two streams instead of three counting the
     * write-allocate of a separate output, the form the documentation recommends. ReLU only
     * because it is idempotent: after the first call the input holds its own output (no
     * negatives), which does not change the speed of a branch-free kernel; Leaky ReLU in place
     * would shrink the negatives towards subnormals call after call.
     */
    @Benchmark
    public Object reluInPlace(KernelData d) {
        int i = d.resident();
        if (d.f32) {
            RELU_VECTOR.forward(d.fx[i], d.fx[i]);
            return d.fx[i];
        }
        RELU_VECTOR.forward(d.dx[i], d.dx[i]);
        return d.dx[i];
    }

    // Not the contract: what C2 vectorises on its own.

    @Benchmark
    public Object reluMathMax(KernelData d) {
        int k = d.resident();
        int n = d.size;
        if (d.f32) {
            float[] x = d.fx[k];
            float[] out = d.fout;
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(x[i], 0f);
            }
        } else {
            double[] x = d.dx[k];
            double[] out = d.dout;
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(x[i], 0d);
            }
        }
        return d.out();
    }

    @Benchmark
    public Object leakyReluMaxOfProduct(KernelData d) {
        int k = d.resident();
        int n = d.size;
        if (d.f32) {
            float[] x = d.fx[k];
            float[] out = d.fout;
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(x[i], ALPHA * x[i]);
            }
        } else {
            double[] x = d.dx[k];
            double[] out = d.dout;
            for (int i = 0; i < n; i++) {
                out[i] = Math.max(x[i], 0.01 * x[i]);
            }
        }
        return d.out();
    }

    private static void vectorCopy(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i];
        }
    }

    private static void vectorCopy(double[] x, double[] out, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, x, i).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i];
        }
    }
}
