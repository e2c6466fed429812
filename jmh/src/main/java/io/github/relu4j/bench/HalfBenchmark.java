package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.BenchCatalogue;
import io.github.relu4j.Engine;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.ShortVector;
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
 * The 16-bit formats' forward kernels (bfloat16 and binary16 on {@code short[]}, {@code vector},
 * and on native segments, {@code segment}) beside what the targets hold them to at the same
 * element count: the float kernel ({@code f32}, {@code float[]}) and copies of the same bytes
 * ({@code copy}, {@link System#arraycopy} of {@code short[]}; {@code vectorCopy}, a
 * {@link ShortVector} load/store loop at the preferred width, whose stores are the kernels'
 * normal ones; {@code segmentCopy}, {@link MemorySegment#copy} between native segments). All on
 * {@link Engine#vector()}, one thread, one array of each (the kernels have no branch per element).
 * Each state holds only the parameters its benchmarks vary with, so a copy is measured once per
 * size and the float kernel once per kernel and size: their results match every format's by the
 * parameters they share. Before a trial each kernel is run on short slices until C2 has it
 * ({@link HalfWarmUp}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", Placement.PINNED})
public class HalfBenchmark {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED;

    @Benchmark
    public short[] vector(HalfArrays d, Kernel k) {
        Kernel.forward(k.vector, d.bf16, d.x, d.y, 0, d.size);
        return d.y;
    }

    @Benchmark
    public MemorySegment segment(HalfSegments d, Kernel k) {
        Kernel.forward(k.vector, d.bf16, d.x, d.y, 0, d.size);
        return d.y;
    }

    @Benchmark
    public float[] f32(Floats d, Kernel k) {
        k.vector.forward(d.x, 0, d.y, 0, d.size);
        return d.y;
    }

    @Benchmark
    public short[] copy(Shorts d) {
        System.arraycopy(d.x, 0, d.y, 0, d.size);
        return d.y;
    }

    @Benchmark
    public short[] vectorCopy(Shorts d) {
        short[] x = d.x;
        short[] y = d.y;
        int n = d.size;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            ShortVector.fromArray(S, x, i).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = x[i];
        }
        return y;
    }

    @Benchmark
    public MemorySegment segmentCopy(ShortSegments d) {
        MemorySegment.copy(d.x, 0, d.y, 0, d.y.byteSize());
        return d.y;
    }

    /** {@code BF16} or {@code F16}, for the states that hold encodings. */
    static boolean bf16(String format) {
        return switch (format) {
            case "BF16" -> true;
            case "F16" -> false;
            default -> throw new IllegalArgumentException("format: BF16 or F16, not " + format);
        };
    }

    /** A kernel of the catalogue, forward, on the vector engine. */
    @State(Scope.Thread)
    public static class Kernel {
        /** A name of {@link BenchCatalogue#kernels()}; the targets name ReLU and Leaky ReLU. */
        @Param({"relu", "leakyRelu"})
        public String kernel;

        Activation vector;
        /** The same on the scalar reference, for the warm-up's check. */
        Activation scalar;

        @Setup(Level.Trial)
        public void setUp() {
            vector = BenchCatalogue.activation(kernel).on(Engine.vector());
            scalar = vector.on(Engine.scalar());
        }

        /** The activation's 16-bit forward on {@code n} elements from {@code offset}. */
        static void forward(Activation a, boolean bf16, short[] x, short[] y, int offset, int n) {
            if (bf16) {
                a.forwardBF16(x, offset, y, offset, n);
            } else {
                a.forwardF16(x, offset, y, offset, n);
            }
        }

        static void forward(Activation a, boolean bf16, MemorySegment x, MemorySegment y, long offset, long n) {
            if (bf16) {
                a.forwardBF16(x, offset, y, offset, n);
            } else {
                a.forwardF16(x, offset, y, offset, n);
            }
        }
    }

    /** An input of encodings in one format and an output, as {@code short[]}. */
    @State(Scope.Thread)
    public static class HalfArrays {
        @Param({"BF16", "F16"})
        public String format;

        @Param({"16384"})
        public int size;

        boolean bf16;
        short[] x;
        short[] y;

        @Setup(Level.Trial)
        public void setUp(Kernel k) {
            bf16 = bf16(format);
            x = Inputs.halves(size, 1, bf16);
            y = new short[size];
            HalfWarmUp.untilCompiled(format + " " + k.kernel, (i, n) -> Kernel.forward(k.vector, bf16, x, y, i, n),
                    (i, n) -> Kernel.forward(k.scalar, bf16, x, y, i, n), size);
        }
    }

    /**
     * The same on native segments: the input where the allocator puts it, the output on a cache
     * line, as in {@link SegmentKernelsBenchmark} (the kernels align their stores themselves).
     */
    @State(Scope.Thread)
    public static class HalfSegments {
        @Param({"BF16", "F16"})
        public String format;

        @Param({"16384"})
        public int size;

        boolean bf16;
        private Arena arena;
        MemorySegment x;
        MemorySegment y;

        @Setup(Level.Trial)
        public void setUp(Kernel k) {
            bf16 = bf16(format);
            arena = Arena.ofConfined();
            x = arena.allocateFrom(ValueLayout.JAVA_SHORT_UNALIGNED, Inputs.halves(size, 1, bf16));
            y = arena.allocate((long) size * Short.BYTES, 64);
            HalfWarmUp.untilCompiled(format + " " + k.kernel + " on segments",
                    (i, n) -> Kernel.forward(k.vector, bf16, x, y, i, n), (i, n) -> Kernel.forward(k.scalar, bf16, x, y, i, n),
                    size);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    /** Floats of the same distribution, for the float kernel at the same element count. */
    @State(Scope.Thread)
    public static class Floats {
        @Param({"16384"})
        public int size;

        float[] x;
        float[] y;

        @Setup(Level.Trial)
        public void setUp(Kernel k) {
            x = Inputs.floats(size, 1)[0];
            y = new float[size];
            HalfWarmUp.untilCompiled("F32 " + k.kernel, (i, n) -> k.vector.forward(x, i, y, i, n),
                    (i, n) -> k.scalar.forward(x, i, y, i, n), size);
        }
    }

    /** Shorts for the copies: the bytes of one format's input and output (the values do not matter). */
    @State(Scope.Thread)
    public static class Shorts {
        @Param({"16384"})
        public int size;

        short[] x;
        short[] y;

        @Setup(Level.Trial)
        public void setUp() {
            x = Inputs.halves(size, 1, true);
            y = new short[size];
        }
    }

    /** The same bytes on native segments, placed as {@link HalfSegments}'. */
    @State(Scope.Thread)
    public static class ShortSegments {
        @Param({"16384"})
        public int size;

        private Arena arena;
        MemorySegment x;
        MemorySegment y;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofConfined();
            x = arena.allocateFrom(ValueLayout.JAVA_SHORT_UNALIGNED, Inputs.halves(size, 1, true));
            y = arena.allocate((long) size * Short.BYTES, 64);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }
}
