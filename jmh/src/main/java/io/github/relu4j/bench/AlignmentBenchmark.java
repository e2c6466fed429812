package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Why the vector kernels trail {@link System#arraycopy} in the caches: where their vectors sit
 * against cache lines. A float array's elements start 16 bytes after the object (12-byte header
 * with compressed class pointers, 4-byte length), and objects are only 8-byte aligned, so where
 * an array's 64-byte vectors fall against 64-byte cache lines depends on where the collector put
 * it: from one JVM to the next. These forks run with {@link Placement#PINNED}, which puts every
 * array's elements at 16 mod 64; starting at element 12 then makes every vector
 * ({@code misalign=0}) a whole cache line, starting at element 0 ({@code misalign=16}) splits
 * every one across two. The same {@code size} elements either way: {@code copy} is
 * {@link System#arraycopy} (HotSpot's copy stub aligns its stores by itself), {@code vectorCopy}
 * a Vector API load/store loop, {@code relu} and {@code leakyRelu} the library's forward kernels;
 * {@code reluSegment} and {@code leakyReluSegment} the same on native segments at the same place
 * against a 64-byte line (the segment kernels, which can read the address, align their stores
 * with a masked head).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class AlignmentBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final Activation RELU = Activation.relu().on(Engine.vector());
    private static final Activation LEAKY = Activation.leakyRelu(0.01f).on(Engine.vector());
    /** Where the elements start against a 64-byte line when objects are 64-byte aligned. */
    private static final int BASE = 16;

    /** Elements per call. */
    @Param({"1024", "43008"})
    public int size;

    /** Bytes past a 64-byte boundary where the input and the output start: 0 or 16. */
    @Param({"0", "16"})
    public int misalign;

    private int from;
    private float[] x;
    private float[] y;
    private Arena arena;
    private MemorySegment xs;
    private MemorySegment ys;

    @Setup(Level.Trial)
    public void setUp() {
        from = Math.floorMod(misalign - BASE, 64) / Float.BYTES;
        x = new float[size + 16];
        y = new float[size + 16];
        System.arraycopy(Inputs.floats(size, 1)[0], 0, x, from, size);
        arena = Arena.ofConfined();
        long bytes = (long) size * Float.BYTES;
        xs = arena.allocate(bytes + 64, 64).asSlice(misalign, bytes);
        ys = arena.allocate(bytes + 64, 64).asSlice(misalign, bytes);
        MemorySegment.copy(x, from, xs, ValueLayout.JAVA_FLOAT, 0, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Object copy() {
        System.arraycopy(x, from, y, from, size);
        return y;
    }

    @Benchmark
    public Object vectorCopy() {
        int end = from + size;
        int i = from;
        for (int bound = from + F.loopBound(size); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).intoArray(y, i);
        }
        for (; i < end; i++) {
            y[i] = x[i];
        }
        return y;
    }

    @Benchmark
    public Object relu() {
        RELU.forward(x, from, y, from, size);
        return y;
    }

    @Benchmark
    public Object leakyRelu() {
        LEAKY.forward(x, from, y, from, size);
        return y;
    }

    @Benchmark
    public Object leakyReluSegment() {
        LEAKY.forwardF32(xs, ys);
        return ys;
    }

    @Benchmark
    public Object reluSegment() {
        RELU.forwardF32(xs, ys);
        return ys;
    }
}
