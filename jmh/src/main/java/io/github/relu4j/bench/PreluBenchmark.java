package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import io.github.relu4j.Prelu;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * PReLU ({@link io.github.relu4j.Prelu}) on {@link Engine#vector()}, one thread, beside what its
 * targets hold it against, all on the same tensors ({@link PreluData}) in the shapes of
 * {@link PreluShape}: {@code forward} and {@code inputGradient} against Leaky ReLU's forward and
 * backward ({@code leakyForward}, {@code leakyBackward}), the same work with one slope for all;
 * {@code backward} (dx and dw in one pass) and {@code slopeGradient} (dw alone) against
 * {@code add}, {@link KernelsBenchmark#add}'s 3-stream bound ({@code x + dy} into the output);
 * {@code backwardParallel}, the fused pass on two threads ({@link PreluShape#TWO_THREADS}),
 * against the same one-thread bound. One operation is one call over {@code size} elements.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class PreluBenchmark {
    /** Leaky ReLU on the vector engine: PReLU's kernels with a slope per run or row. */
    private static final Activation LEAKY = Activation.leakyRelu().on(Engine.vector());

    @Benchmark
    public Object forward(PreluData d, PreluShape s) {
        if (d.f32) {
            s.vector.forward(d.fx, 0, d.fout, 0, s.n, s.fw, 0);
        } else {
            s.vector.forward(d.dx, 0, d.dout, 0, s.n, s.dw, 0);
        }
        return d.out();
    }

    @Benchmark
    public Object inputGradient(PreluData d, PreluShape s) {
        if (d.f32) {
            s.vector.inputGradient(d.fx, 0, d.fdy, 0, d.fout, 0, s.n, s.fw, 0);
        } else {
            s.vector.inputGradient(d.dx, 0, d.ddy, 0, d.dout, 0, s.n, s.dw, 0);
        }
        return d.out();
    }

    @Benchmark
    public Object backward(PreluData d, PreluShape s) {
        return fused(s, d, false);
    }

    @Benchmark
    public Object backwardParallel(PreluData d, PreluShape s) {
        return fused(s, d, true);
    }

    @Benchmark
    public Object slopeGradient(PreluData d, PreluShape s) {
        if (d.f32) {
            s.vector.slopeGradient(d.fx, 0, d.fdy, 0, s.n, s.fdw, 0);
            return s.fdw;
        }
        s.vector.slopeGradient(d.dx, 0, d.ddy, 0, s.n, s.ddw, 0);
        return s.ddw;
    }

    /** The fused backward pass on one thread or two: dx into the output, dw into the shape's gradient. */
    private static Object fused(PreluShape s, PreluData d, boolean parallel) {
        Prelu p = parallel ? s.parallel : s.vector;
        if (d.f32) {
            p.backward(d.fx, 0, d.fdy, 0, d.fout, 0, s.n, s.fw, 0, s.fdw, 0);
        } else {
            p.backward(d.dx, 0, d.ddy, 0, d.dout, 0, s.n, s.dw, 0, s.ddw, 0);
        }
        return d.out();
    }

    // What the targets divide by.

    @Benchmark
    public Object leakyForward(PreluData d) {
        if (d.f32) {
            LEAKY.forward(d.fx, 0, d.fout, 0, d.size);
        } else {
            LEAKY.forward(d.dx, 0, d.dout, 0, d.size);
        }
        return d.out();
    }

    @Benchmark
    public Object leakyBackward(PreluData d) {
        if (d.f32) {
            LEAKY.backward(d.fx, 0, d.fdy, 0, d.fout, 0, d.size);
        } else {
            LEAKY.backward(d.dx, 0, d.ddy, 0, d.dout, 0, d.size);
        }
        return d.out();
    }

    @Benchmark
    public Object add(PreluData d) {
        if (d.f32) {
            KernelsBenchmark.add(d.fx, d.fdy, d.fout, d.size);
        } else {
            KernelsBenchmark.add(d.dx, d.ddy, d.dout, d.size);
        }
        return d.out();
    }
}
