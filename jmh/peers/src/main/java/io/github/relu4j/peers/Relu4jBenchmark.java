package io.github.relu4j.peers;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import io.github.relu4j.Prelu;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * relu4j's vector kernels in the peers' run, on float[] and, as the C peer gets them, on native
 * segments, so that every ratio against a peer comes from one run; {@code *Parallel} is
 * {@link Engine#preferred()} on float[], which uses every processor from its threshold, as
 * PyTorch's {@code threads=all} does. PReLU ({@code prelu*}): [1, 64, size / 64], a slope per
 * channel ({@link Prelu#channelsFirst}), vector engine, one thread; its backward writes {@code dx}
 * and the slope gradient {@code dw} in one pass. Its kernels reach C2 later than the activations'
 * loops (about 1.2 s of calls on a busy 2-core machine, where the default warm-up is 2 x 200 ms),
 * so a PReLU trial first calls its benchmark for {@link #PRELU_WARM_UP_NANOS}, outside JMH's
 * iterations. No PReLU on {@link Engine#preferred()}: on that engine a channels-first call stays on
 * the scalar reference for seconds (at 10 Mi elements, longer than a trial), so a short run would
 * time its warm-up.
 */
public class Relu4jBenchmark extends PeerBenchmark {
    static final long PRELU_WARM_UP_NANOS = 2_000_000_000L;
    private static final Activation RELU = Activation.relu().on(Engine.vector());
    private static final Activation LEAKY = Activation.leakyRelu(PeerInputs.ALPHA).on(Engine.vector());
    private static final Activation RELU_PARALLEL = Activation.relu().on(Engine.preferred());
    private static final Activation LEAKY_PARALLEL = Activation.leakyRelu(PeerInputs.ALPHA).on(Engine.preferred());
    private float[] x;
    private float[] dy;
    private float[] out;
    private Arena arena;
    private MemorySegment xNative;
    private MemorySegment dyNative;
    private MemorySegment outNative;
    private Prelu prelu;
    private float[] w;
    private float[] dw;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        x = PeerInputs.floats(size, 1);
        dy = PeerInputs.floats(size, 2);
        out = new float[size];
        arena = Arena.ofShared();
        xNative = PeerInputs.nativeCopy(x, arena);
        dyNative = PeerInputs.nativeCopy(dy, arena);
        outNative = arena.allocate((long) size * Float.BYTES, 64);
        int spatial = PeerInputs.spatial(size);
        if (spatial > 0) {
            prelu = Prelu.channelsFirst(PeerInputs.CHANNELS, spatial).on(Engine.vector());
        }
        w = PeerInputs.slopes();
        dw = new float[PeerInputs.CHANNELS];
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        if (method.startsWith("prelu") && prelu != null) {
            Runnable call = switch (method) {
                case "preluForward" -> this::preluForward;
                case "preluBackward" -> this::preluBackward;
                default -> throw new IllegalStateException("no warm-up for " + method);
            };
            long start = System.nanoTime();
            long calls = 0;
            while (System.nanoTime() - start < PRELU_WARM_UP_NANOS) {
                call.run();
                calls++;
            }
            System.out.println("PReLU warm-up: " + calls + " calls of " + method);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float[] reluForward() {
        RELU.forward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackward() {
        RELU.backward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForward() {
        LEAKY.forward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackward() {
        LEAKY.backward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public MemorySegment reluForwardNative() {
        RELU.forwardF32(xNative, 0, outNative, 0, size);
        return outNative;
    }

    @Benchmark
    public MemorySegment reluBackwardNative() {
        RELU.backwardF32(xNative, 0, dyNative, 0, outNative, 0, size);
        return outNative;
    }

    @Benchmark
    public MemorySegment leakyReluForwardNative() {
        LEAKY.forwardF32(xNative, 0, outNative, 0, size);
        return outNative;
    }

    @Benchmark
    public MemorySegment leakyReluBackwardNative() {
        LEAKY.backwardF32(xNative, 0, dyNative, 0, outNative, 0, size);
        return outNative;
    }

    @Benchmark
    public float[] reluForwardParallel() {
        RELU_PARALLEL.forward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardParallel() {
        RELU_PARALLEL.backward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardParallel() {
        LEAKY_PARALLEL.forward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardParallel() {
        LEAKY_PARALLEL.backward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] preluForward() {
        prelu().forward(x, 0, out, 0, 1, w, 0);
        return out;
    }

    @Benchmark
    public float[] preluBackward() {
        prelu().backward(x, 0, dy, 0, out, 0, 1, w, 0, dw, 0);
        return dw;
    }

    private Prelu prelu() {
        if (prelu == null) {
            throw PeerInputs.noPrelu(size);
        }
        return prelu;
    }
}
