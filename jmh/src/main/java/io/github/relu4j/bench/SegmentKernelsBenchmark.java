package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The float vector kernels on {@link MemorySegment}s against the same kernels on arrays, and
 * {@code copy} ({@link MemorySegment#copy} of the same bytes, or {@link System#arraycopy} for
 * arrays). {@code memory}: {@code array}; {@code native} ({@link Arena#ofConfined()});
 * {@code heap} ({@link MemorySegment#ofArray(float[])}, which the library runs on the array
 * kernels); {@code heapReadOnly} (read-only heap inputs, which it stages through small arrays);
 * and {@code nativeAfterHeap}, native segments in a JVM whose kernels first ran hot on heap
 * segments, the type-profile pollution a program that mixes both would see.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SegmentKernelsBenchmark {
    private static final float ALPHA = 0.01f;
    private static final Activation RELU = Activation.relu().on(Engine.vector());
    private static final Activation LEAKY = Activation.leakyRelu(ALPHA).on(Engine.vector());

    @Param({"65536", "4194304"})
    public int size;

    @Param({"array", "native", "heap", "heapReadOnly", "nativeAfterHeap"})
    public String memory;

    private boolean arrays;
    private float[] xa;
    private float[] dya;
    private float[] outa;
    private Arena arena;
    private MemorySegment x;
    private MemorySegment dy;
    private MemorySegment out;

    @Setup(Level.Trial)
    public void setUp() {
        arrays = memory.equals("array");
        xa = Inputs.floats(size, 1)[0];
        dya = Inputs.floats(size, 2)[0];
        outa = new float[size];
        arena = Arena.ofConfined();
        if (memory.startsWith("heap")) {
            x = MemorySegment.ofArray(xa);
            dy = MemorySegment.ofArray(dya);
            out = MemorySegment.ofArray(outa);
            if (memory.equals("heapReadOnly")) {
                x = x.asReadOnly();
                dy = dy.asReadOnly();
            }
        } else {
            x = arena.allocateFrom(ValueLayout.JAVA_FLOAT, xa);
            dy = arena.allocateFrom(ValueLayout.JAVA_FLOAT, dya);
            out = arena.allocate((long) size * Float.BYTES, 64);
        }
        if (memory.equals("nativeAfterHeap")) {
            runHotOnHeapSegments();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Enough calls on small heap segments for C2 to compile every kernel with a heap-only profile. */
    private static void runHotOnHeapSegments() {
        MemorySegment hx = MemorySegment.ofArray(Inputs.floats(1024, 3)[0]);
        MemorySegment hdy = MemorySegment.ofArray(Inputs.floats(1024, 4)[0]);
        MemorySegment hout = MemorySegment.ofArray(new float[1024]);
        for (int call = 0; call < 30_000; call++) {
            RELU.forwardF32(hx, 0, hout, 0, 1024);
            RELU.backwardF32(hx, 0, hdy, 0, hout, 0, 1024);
            LEAKY.forwardF32(hx, 0, hout, 0, 1024);
            LEAKY.backwardF32(hx, 0, hdy, 0, hout, 0, 1024);
        }
    }

    @Benchmark
    public Object copy() {
        if (arrays) {
            System.arraycopy(xa, 0, outa, 0, size);
            return outa;
        }
        MemorySegment.copy(x, 0, out, 0, (long) size * Float.BYTES);
        return out;
    }

    @Benchmark
    public Object reluForward() {
        if (arrays) {
            RELU.forward(xa, 0, outa, 0, size);
            return outa;
        }
        RELU.forwardF32(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public Object reluBackward() {
        if (arrays) {
            RELU.backward(xa, 0, dya, 0, outa, 0, size);
            return outa;
        }
        RELU.backwardF32(x, 0, dy, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public Object leakyReluForward() {
        if (arrays) {
            LEAKY.forward(xa, 0, outa, 0, size);
            return outa;
        }
        LEAKY.forwardF32(x, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public Object leakyReluBackward() {
        if (arrays) {
            LEAKY.backward(xa, 0, dya, 0, outa, 0, size);
            return outa;
        }
        LEAKY.backwardF32(x, 0, dy, 0, out, 0, size);
        return out;
    }
}
