package io.github.relu4j.peers;

import io.github.relu4j.ReluKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * relu4j's vector kernels in the peers' run, on float[] and, as the C peer gets them, on native
 * segments, so that every ratio against a peer comes from one run; {@code *Parallel} is
 * {@link ReluKernels#preferred()} on float[], which uses every processor from its threshold, as
 * PyTorch's {@code threads=all} does.
 */
public class Relu4jBenchmark extends PeerBenchmark {
    private static final ReluKernels VECTOR = ReluKernels.vector();
    private static final ReluKernels PARALLEL = ReluKernels.preferred();
    private float[] x;
    private float[] dy;
    private float[] out;
    private Arena arena;
    private MemorySegment xNative;
    private MemorySegment dyNative;
    private MemorySegment outNative;

    @Setup(Level.Trial)
    public void setUp() {
        x = PeerInputs.floats(size, 1);
        dy = PeerInputs.floats(size, 2);
        out = new float[size];
        arena = Arena.ofShared();
        xNative = PeerInputs.nativeCopy(x, arena);
        dyNative = PeerInputs.nativeCopy(dy, arena);
        outNative = arena.allocate((long) size * Float.BYTES, 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float[] reluForward() {
        VECTOR.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackward() {
        VECTOR.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForward() {
        VECTOR.leakyReluForward(x, 0, out, 0, size, PeerInputs.ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackward() {
        VECTOR.leakyReluBackward(x, 0, dy, 0, out, 0, size, PeerInputs.ALPHA);
        return out;
    }

    @Benchmark
    public MemorySegment reluForwardNative() {
        VECTOR.reluForwardFloat(xNative, 0, outNative, 0, size);
        return outNative;
    }

    @Benchmark
    public MemorySegment reluBackwardNative() {
        VECTOR.reluBackwardFloat(xNative, 0, dyNative, 0, outNative, 0, size);
        return outNative;
    }

    @Benchmark
    public MemorySegment leakyReluForwardNative() {
        VECTOR.leakyReluForwardFloat(xNative, 0, outNative, 0, size, PeerInputs.ALPHA);
        return outNative;
    }

    @Benchmark
    public MemorySegment leakyReluBackwardNative() {
        VECTOR.leakyReluBackwardFloat(xNative, 0, dyNative, 0, outNative, 0, size, PeerInputs.ALPHA);
        return outNative;
    }

    @Benchmark
    public float[] reluForwardParallel() {
        PARALLEL.reluForward(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] reluBackwardParallel() {
        PARALLEL.reluBackward(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] leakyReluForwardParallel() {
        PARALLEL.leakyReluForward(x, 0, out, 0, size, PeerInputs.ALPHA);
        return out;
    }

    @Benchmark
    public float[] leakyReluBackwardParallel() {
        PARALLEL.leakyReluBackward(x, 0, dy, 0, out, 0, size, PeerInputs.ALPHA);
        return out;
    }
}
