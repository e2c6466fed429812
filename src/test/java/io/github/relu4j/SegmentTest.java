package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only segments can do wrong: read-only outputs, closed arenas, other threads, views that
 * overlap, memory-mapped files, whole-segment sizes. Every rejected call must leave every segment
 * as it was. (Bit-exactness on every kind of segment is in {@link VectorAgreementTest}.)
 */
class SegmentTest {
    private static final int N = 100;

    static Stream<Arguments> cases() {
        List<Engine> impls = new ArrayList<>(List.of(Engine.scalar()));
        if (Selector.vectorModuleReadable()) {
            impls.add(Engine.vector());
        }
        List<KernelCase> kernels = KernelCase.all().stream()
                .filter(k -> k.storage() == Storage.NATIVE && k.typical())
                .toList();
        return impls.stream().flatMap(i -> kernels.stream().map(k -> Arguments.of(i, k)));
    }

    /** The three places a segment can take in a call. */
    enum Position { X, DY, OUT }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aReadOnlyOutputFailsAsTheJdkDoes(Engine impl, KernelCase kernel) {
        try (Arena arena = Arena.ofConfined()) {
            Segments s = new Segments(kernel.element(), arena);
            IllegalArgumentException jdk = assertThrows(IllegalArgumentException.class,
                    () -> s.out.asReadOnly().set(ValueLayout.JAVA_BYTE, 0, (byte) 0));
            IllegalArgumentException ours = assertThrows(IllegalArgumentException.class,
                    () -> kernel.segmentCall().run(impl, s.x, 0, s.dy, 0, s.out.asReadOnly(), 0, N));
            assertTrue(ours.getMessage().startsWith(jdk.getMessage()), ours.getMessage());
            s.assertUnchanged();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aClosedSegmentFailsBeforeAnythingIsWritten(Engine impl, KernelCase kernel) {
        for (Position closed : positions(kernel)) {
            for (boolean heapInputs : new boolean[] {false, true}) { // native path, and the staged path
                try (Arena arena = Arena.ofConfined()) {
                    Segments s = new Segments(kernel.element(), arena);
                    Arena other = Arena.ofConfined();
                    MemorySegment dead = other.allocate(s.out.byteSize(), 64);
                    other.close();
                    MemorySegment x = closed == Position.X ? dead : heapInputs ? s.heap(s.x) : s.x;
                    MemorySegment dy = closed == Position.DY ? dead : heapInputs ? s.heap(s.dy) : s.dy;
                    MemorySegment out = closed == Position.OUT ? dead : s.out;
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> kernel.segmentCall().run(impl, x, 0, dy, 0, out, 0, N), closed + " closed");
                    assertEquals("Already closed", e.getMessage());
                    s.assertUnchanged();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aSegmentOfAnotherThreadFailsBeforeAnythingIsWritten(Engine impl, KernelCase kernel) throws Exception {
        for (Position confined : positions(kernel)) {
            try (Arena mine = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
                Segments s = new Segments(kernel.element(), shared);
                MemorySegment own = mine.allocate(s.out.byteSize(), 64);
                own.copyFrom(confined == Position.X ? s.x : confined == Position.DY ? s.dy : s.out);
                MemorySegment x = confined == Position.X ? own : s.x;
                MemorySegment dy = confined == Position.DY ? own : s.dy;
                MemorySegment out = confined == Position.OUT ? own : s.out;
                long[] ownBefore = s.bits(own);
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        kernel.segmentCall().run(impl, x, 0, dy, 0, out, 0, N);
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                t.join();
                assertTrue(thrown.get() instanceof WrongThreadException, confined + " confined: " + thrown.get());
                s.assertUnchanged();
                assertArrayEquals(ownBefore, s.bits(own));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void lengthZeroTouchesNothingEvenWhenClosed(Engine impl, KernelCase kernel) {
        Arena arena = Arena.ofConfined();
        MemorySegment dead = arena.allocate(64);
        arena.close();
        kernel.segmentCall().run(impl, dead, 0, dead, 0, dead, 0, 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void viewsOfTheSameMemoryCountAsTheSameArray(Engine impl, KernelCase kernel) {
        try (Arena arena = Arena.ofConfined()) {
            Segments s = new Segments(kernel.element(), arena);
            int bytes = kernel.element().size() / 8;
            MemorySegment shifted = s.x.asSlice(bytes);
            // native: another slice object over x, one element on
            assertThrows(IllegalArgumentException.class,
                    () -> kernel.segmentCall().run(impl, s.x, 0, s.dy, 0, shifted, 0, N - 1));
            // heap: a read-only view and a writable view of one array, one element apart
            Object array = kernel.element().newArray(N);
            MemorySegment view = kernel.element().view(array);
            assertThrows(IllegalArgumentException.class,
                    () -> kernel.segmentCall().run(impl, view.asReadOnly(), 1, s.dy, 0, view, 0, N - 1));
            s.assertUnchanged();
            // the same memory through two objects at the same place is in-place use
            Object expected = kernel.element().newArray(N);
            kernel.run(Engine.scalar(), s.array(s.x), 0, s.array(s.dy), 0, expected, 0, N);
            kernel.segmentCall().run(impl, s.x.asSlice(0), 0, s.dy, 0, s.x.asSlice(0), 0, N);
            assertArrayEquals(kernel.element().allBits(expected), s.bits(s.x));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void memoryMappedFiles(Engine impl, KernelCase kernel, @TempDir Path dir) throws IOException {
        Element e = kernel.element();
        Path file = dir.resolve("tensor.bin");
        Files.write(file, new byte[(int) (N * (long) e.size() / 8)]);
        try (Arena arena = Arena.ofConfined();
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Segments s = new Segments(e, arena);
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, s.x.byteSize(), arena);
            mapped.copyFrom(s.x);
            Object expected = e.newArray(N);
            kernel.run(Engine.scalar(), s.array(s.x), 0, s.array(s.dy), 0, expected, 0, N);
            kernel.segmentCall().run(impl, mapped, 0, s.dy, 0, mapped, 0, N); // in place, in the file
            assertArrayEquals(e.allBits(expected), s.bits(mapped));
        }
    }

    /** Heap segments over every primitive array type (all staged but float[]/double[] of the kernel's type). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void heapSegmentsOfEveryPrimitiveArray(Engine impl, KernelCase kernel) {
        Element e = kernel.element();
        int bytes = N * e.size() / 8;
        List<MemorySegment> backings = List.of(MemorySegment.ofArray(new byte[bytes]),
                MemorySegment.ofArray(new short[bytes / 2]), MemorySegment.ofArray(new char[bytes / 2]),
                MemorySegment.ofArray(new int[bytes / 4]), MemorySegment.ofArray(new float[bytes / 4]),
                MemorySegment.ofArray(new long[bytes / 8]), MemorySegment.ofArray(new double[bytes / 8]));
        try (Arena arena = Arena.ofConfined()) {
            Segments s = new Segments(e, arena);
            Object expected = e.newArray(N);
            kernel.run(Engine.scalar(), s.array(s.x), 0, s.array(s.dy), 0, expected, 0, N);
            for (MemorySegment heap : backings) {
                heap.copyFrom(s.x); // in place on the heap segment, dy native
                kernel.segmentCall().run(impl, heap, 0, s.dy, 0, heap, 0, N);
                assertArrayEquals(e.allBits(expected), s.bits(heap), heap.heapBase().orElseThrow().getClass().getSimpleName());
            }
        }
    }

    @Test
    void wholeSegmentsHoldWholeElementsOfOneCount() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ten = arena.allocate(10);
            MemorySegment sixteen = arena.allocate(16);
            MemorySegment twenty = arena.allocate(20);
            Activation relu = Activation.relu();
            Activation leaky = Activation.leakyRelu();
            assertThrows(IllegalArgumentException.class, () -> relu.forwardF32(ten, ten));
            assertThrows(IllegalArgumentException.class, () -> relu.forwardF32(sixteen, twenty));
            assertThrows(IllegalArgumentException.class, () -> relu.backwardF64(sixteen, sixteen, twenty));
            assertThrows(IllegalArgumentException.class, () -> leaky.forwardF64(twenty, twenty));
            assertThrows(NullPointerException.class, () -> leaky.backwardF32(sixteen, null, sixteen));
            relu.forwardF32(twenty, twenty); // five floats: fine
        }
    }

    private static List<Position> positions(KernelCase kernel) {
        return kernel.backward() ? List.of(Position.values()) : List.of(Position.X, Position.OUT);
    }

    /** x and dy with random bits and out with canaries, N elements each, in native memory. */
    private static final class Segments {
        final Element e;
        final MemorySegment x;
        final MemorySegment dy;
        final MemorySegment out;
        private final long[] xBits;
        private final long[] dyBits;
        private final long[] outBits;

        Segments(Element e, Arena arena) {
            this.e = e;
            SplittableRandom random = new SplittableRandom(5);
            long bytes = N * (long) e.size() / 8;
            x = arena.allocate(bytes, 64);
            dy = arena.allocate(bytes, 64);
            out = arena.allocate(bytes, 64);
            e.copyInto(e.randomBitsArray(N, random), x);
            e.copyInto(e.randomBitsArray(N, random), dy);
            e.copyInto(e.filled(N, e.canary), out);
            xBits = bits(x);
            dyBits = bits(dy);
            outBits = bits(out);
        }

        Object array(MemorySegment s) {
            Object a = e.newArray(N);
            e.copyFrom(s, a);
            return a;
        }

        MemorySegment heap(MemorySegment s) {
            return e.view(array(s)).asReadOnly();
        }

        long[] bits(MemorySegment s) {
            return e.allBits(array(s));
        }

        void assertUnchanged() {
            assertArrayEquals(xBits, bits(x), "x changed");
            assertArrayEquals(dyBits, bits(dy), "dy changed");
            assertArrayEquals(outBits, bits(out), "out written although the call failed");
        }
    }
}
