package io.github.relu4j.peers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The plain C loops of {@code peer_kernels.c} ({@code cc -O3 -march=native}), called through FFM
 * on native segments: how close Java comes to C. Compare with {@link Relu4jBenchmark}'s
 * {@code *Native} methods, which get the same memory.
 */
public class NativeCBenchmark extends PeerBenchmark {
    private Arena arena;
    private MemorySegment x;
    private MemorySegment dy;
    private MemorySegment out;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        x = PeerInputs.nativeCopy(PeerInputs.floats(size, 1), arena);
        dy = PeerInputs.nativeCopy(PeerInputs.floats(size, 2), arena);
        out = arena.allocate((long) size * Float.BYTES, 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment reluForward() throws Throwable {
        NativeKernels.RELU_FORWARD.invokeExact(x, out, (long) size);
        return out;
    }

    @Benchmark
    public MemorySegment reluBackward() throws Throwable {
        NativeKernels.RELU_BACKWARD.invokeExact(x, dy, out, (long) size);
        return out;
    }

    @Benchmark
    public MemorySegment leakyReluForward() throws Throwable {
        NativeKernels.LEAKY_RELU_FORWARD.invokeExact(x, out, (long) size, PeerInputs.ALPHA);
        return out;
    }

    @Benchmark
    public MemorySegment leakyReluBackward() throws Throwable {
        NativeKernels.LEAKY_RELU_BACKWARD.invokeExact(x, dy, out, (long) size, PeerInputs.ALPHA);
        return out;
    }
}
