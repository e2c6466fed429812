package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejected argument of the mask forms and of {@link Epilogue}: the documented exception,
 * naming the argument, before anything is written (tensors, mask and counts as they were), on
 * every engine ({@link ArgumentsTest#implementations()}) and format.
 */
class FusedArgumentsTest {
    private static final int N = 300;

    static Stream<Arguments> cases() {
        return ArgumentsTest.implementations().stream()
                .flatMap(engine -> Stream.of(Element.values()).map(e -> Arguments.of(engine, e)));
    }

    /** One call's arrays, with random bits, a random mask and counts, all watched. */
    private static final class Tensors {
        final Element e;
        final Object x;
        final Object y;
        final long[] mask;
        final long[] counts = {5, 6, 7, 8};
        final Object bias;
        private final List<long[]> before;

        Tensors(Element e) {
            this.e = e;
            SplittableRandom random = new SplittableRandom(9);
            x = e.randomBitsArray(N, random);
            y = e.filled(N, e.canary);
            mask = random.longs(Activation.maskWords(N)).toArray();
            bias = Epilogues.bias(e, new float[] {1, 2, 3, 4});
            before = List.of(e.allBits(x), e.allBits(y), mask.clone(), counts.clone());
        }

        void rejected(Class<? extends Throwable> type, String named, Executable call) {
            Throwable thrown = assertThrows(type, call, "a call that should fail naming " + named);
            assertTrue(named == null || (thrown.getMessage() != null && thrown.getMessage().contains(named)),
                    "expected a message naming '" + named + "', was: " + thrown.getMessage());
            assertArrayEquals(before.get(0), e.allBits(x), "x changed");
            assertArrayEquals(before.get(1), e.allBits(y), "y written although the call was rejected");
            assertArrayEquals(before.get(2), mask, "mask written although the call was rejected");
            assertArrayEquals(before.get(3), counts, "counts changed although the call was rejected");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void maskFormsOnArrays(Engine engine, Element e) {
        Tensors t = new Tensors(e);
        Activation a = Activation.hardtanh(-1, 1).on(engine);
        t.rejected(NullPointerException.class, "mask", () -> Masked.forward(a, e, t.x, 0, t.y, 0, null, 0, N));
        t.rejected(NullPointerException.class, "x", () -> Masked.forward(a, e, null, 0, t.y, 0, t.mask, 0, N));
        t.rejected(NullPointerException.class, "y", () -> Masked.forward(a, e, t.x, 0, null, 0, t.mask, 0, N));
        t.rejected(NullPointerException.class, "mask", () -> Masked.backward(a, e, null, 0, t.x, 0, t.y, 0, N));
        t.rejected(NullPointerException.class, "dy", () -> Masked.backward(a, e, t.mask, 0, null, 0, t.y, 0, N));
        t.rejected(NullPointerException.class, "dx", () -> Masked.backward(a, e, t.mask, 0, t.x, 0, null, 0, N));
        long bits = 64L * t.mask.length;
        for (long[] bad : new long[][] {{bits - N + 1, N}, {-1, 1}, {bits + 1, 0}, {Long.MAX_VALUE, 2},
                {Long.MIN_VALUE, 1}}) {
            t.rejected(IndexOutOfBoundsException.class, "mask",
                    () -> Masked.forward(a, e, t.x, 0, t.y, 0, t.mask, bad[0], (int) bad[1]));
            t.rejected(IndexOutOfBoundsException.class, "mask",
                    () -> Masked.backward(a, e, t.mask, bad[0], t.x, 0, t.y, 0, (int) bad[1]));
        }
        t.rejected(IndexOutOfBoundsException.class, "x", () -> Masked.forward(a, e, t.x, 1, t.y, 0, t.mask, 0, N));
        t.rejected(IndexOutOfBoundsException.class, "y", () -> Masked.forward(a, e, t.x, 0, t.y, 1, t.mask, 0, N));
        t.rejected(IndexOutOfBoundsException.class, "dy", () -> Masked.backward(a, e, t.mask, 0, t.x, 1, t.y, 0, N));
        t.rejected(IndexOutOfBoundsException.class, "dx", () -> Masked.backward(a, e, t.mask, 0, t.x, 0, t.y, 1, N));
        t.rejected(IndexOutOfBoundsException.class, null, () -> Masked.forward(a, e, t.x, 0, t.y, 0, t.mask, 0, -1));
        t.rejected(IllegalArgumentException.class, "partially overlaps",
                () -> Masked.forward(a, e, t.y, 0, t.y, 1, t.mask, 0, N - 1));
        t.rejected(IllegalArgumentException.class, "partially overlaps",
                () -> Masked.backward(a, e, t.mask, 0, t.y, 1, t.y, 0, N - 1));
        t.rejected(IllegalArgumentException.class, "length",
                () -> Masked.forwardWhole(a, e, t.x, e.newArray(N - 1), t.mask));
        t.rejected(IllegalArgumentException.class, "length",
                () -> Masked.backwardWhole(a, e, t.mask, t.x, e.newArray(N + 1)));
        t.rejected(IndexOutOfBoundsException.class, "mask",
                () -> Masked.forwardWhole(a, e, e.newArray(N + 64), e.newArray(N + 64), t.mask));
        // accepted: length 0 at the mask's end, and a mask of exactly the words needed
        Masked.forward(a, e, t.x, 0, e.newArray(N), 0, t.mask, bits, 0);
        Masked.forward(a, e, t.x, 0, e.newArray(N), 0, new long[(int) Activation.maskWords(N)], 0, N);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void epilogueOnArrays(Engine engine, Element e) {
        Tensors t = new Tensors(e);
        Epilogue rows = Epilogue.rows(Activation.relu().on(engine), 3);
        Epilogue channels = Epilogue.channels(Activation.threshold(0.5, -2).on(engine), 3, 10);
        Object b = t.bias;
        t.rejected(NullPointerException.class, "x", () -> Epilogues.forward(rows, e, null, 0, b, 0, t.y, 0, t.mask, 0, t.counts, 0, 100));
        t.rejected(NullPointerException.class, "y", () -> Epilogues.forward(rows, e, t.x, 0, b, 0, null, 0, t.mask, 0, t.counts, 0, 100));
        t.rejected(IndexOutOfBoundsException.class, "x", () -> Epilogues.forward(rows, e, t.x, 1, b, 0, t.y, 0, t.mask, 0, t.counts, 0, 100));
        t.rejected(IndexOutOfBoundsException.class, "y", () -> Epilogues.forward(channels, e, t.x, 0, b, 0, t.y, 1, t.mask, 0, t.counts, 0, 10));
        t.rejected(IndexOutOfBoundsException.class, "x", () -> Epilogues.forward(channels, e, t.x, 0, b, 0, t.y, 0, t.mask, 0, t.counts, 0, 11));
        t.rejected(IndexOutOfBoundsException.class, "mask", () -> Epilogues.forward(rows, e, t.x, 0, b, 0, t.y, 0, t.mask, 65, t.counts, 0, 100));
        t.rejected(IndexOutOfBoundsException.class, "bias", () -> Epilogues.forward(rows, e, t.x, 0, b, 2, t.y, 0, t.mask, 0, t.counts, 0, 100));
        t.rejected(IndexOutOfBoundsException.class, "bias", () -> Epilogues.forward(channels, e, t.x, 0, b, -1, t.y, 0, t.mask, 0, t.counts, 0, 1));
        t.rejected(IndexOutOfBoundsException.class, "counts", () -> Epilogues.forward(rows, e, t.x, 0, b, 0, t.y, 0, t.mask, 0, t.counts, 2, 100));
        t.rejected(IndexOutOfBoundsException.class, "counts", () -> Epilogues.forward(channels, e, t.x, 0, null, 0, t.y, 0, null, 0, t.counts, -1, 1));
        t.rejected(IllegalArgumentException.class, null, () -> Epilogues.forward(rows, e, t.x, 0, b, 0, t.y, 0, t.mask, 0, t.counts, 0, -1));
        t.rejected(IllegalArgumentException.class, "partially overlaps", () -> Epilogues.forward(rows, e, t.y, 0, b, 0, t.y, 3, t.mask, 0, t.counts, 0, 99));
        if (e != Element.DOUBLE) { // a bound beyond the float range: the float compute type's check
            t.rejected(IllegalArgumentException.class, "max", () -> Epilogues.forward(
                    Epilogue.rows(Activation.hardtanh(0, 1e39).on(engine), 3), e, t.x, 0, b, 0, t.y, 0, t.mask, 0, t.counts, 0, 1));
        }
        // accepted: nothing to do, and none of bias, mask and counts
        Epilogues.forward(rows, e, t.x, N, b, 0, t.y, N, t.mask, 64L * t.mask.length, t.counts, 0, 0);
        Epilogues.forward(channels, e, t.x, 0, null, 0, e.newArray(N), 0, null, 0, null, 0, 10);
    }

    @Test
    void badShapes() {
        Activation relu = Activation.relu();
        ArgumentsTest.assertMessage(IllegalArgumentException.class, "features", () -> Epilogue.rows(relu, 0));
        ArgumentsTest.assertMessage(IllegalArgumentException.class, "channels", () -> Epilogue.channels(relu, 0, 4));
        ArgumentsTest.assertMessage(IllegalArgumentException.class, "spatial", () -> Epilogue.channels(relu, 2, -1));
        ArgumentsTest.assertMessage(NullPointerException.class, "activation", () -> Epilogue.rows(null, 2));
        ArgumentsTest.assertMessage(IllegalArgumentException.class, "length", () -> Activation.maskWords(-1));
        Epilogue.channels(relu, 2, 0).forward(new float[0], 0, null, 0, new float[0], 0, null, 0, null, 0, 5);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void segments(Engine engine, Element e) {
        Activation a = Activation.leakyRelu(0.2).on(engine);
        Epilogue ep = Epilogue.channels(a, 2, 50);
        int bytes = N * e.size() / 8;
        try (Arena arena = Arena.ofConfined()) {
            Tensors t = new Tensors(e);
            MemorySegment x = arena.allocate(bytes, 64);
            MemorySegment y = arena.allocate(bytes, 64);
            MemorySegment mask = arena.allocate(8L * t.mask.length, 8);
            e.copyInto(t.x, x);
            e.copyInto(t.y, y);
            MemorySegment.copy(t.mask, 0, mask, ValueLayout.JAVA_LONG, 0, t.mask.length);
            Runnable sync = () -> {
                e.copyFrom(x, t.x);
                e.copyFrom(y, t.y);
                MemorySegment.copy(mask, ValueLayout.JAVA_LONG, 0, t.mask, 0, t.mask.length);
            };
            List<Object[]> calls = List.of(
                    new Object[] {IllegalArgumentException.class, "read-only segment (y)",
                        (Executable) () -> Masked.forward(a, e, x, 0, y.asReadOnly(), 0, mask, 0, N)},
                    new Object[] {IllegalArgumentException.class, "read-only segment (mask)",
                        (Executable) () -> Masked.forward(a, e, x, 0, y, 0, mask.asReadOnly(), 0, N)},
                    new Object[] {IllegalArgumentException.class, "read-only segment (dx)",
                        (Executable) () -> Masked.backward(a, e, mask, 0, x, 0, y.asReadOnly(), 0, N)},
                    new Object[] {IllegalArgumentException.class, "read-only segment (mask)",
                        (Executable) () -> Epilogues.forward(ep, e, x, 0, t.bias, 0, y, 0, mask.asReadOnly(), 0, t.counts, 0, 3)},
                    new Object[] {IllegalArgumentException.class, "overlap x",
                        (Executable) () -> Masked.forward(a, e, x, 0, y, 0, x, 0, N)},
                    new Object[] {IllegalArgumentException.class, "overlap y",
                        (Executable) () -> Masked.forward(a, e, x, 0, y, 0, y.asSlice(bytes / 2), 0, N)},
                    new Object[] {IllegalArgumentException.class, "overlap dy",
                        (Executable) () -> Masked.backward(a, e, x.asSlice(8), 0, x, 0, y, 0, N / 2)},
                    new Object[] {IllegalArgumentException.class, "overlap dx",
                        (Executable) () -> Masked.backward(a, e, y.asSlice(0, 8), 3, x, 0, y, 0, 60)},
                    new Object[] {IllegalArgumentException.class, "overlap y",
                        (Executable) () -> Epilogues.forward(ep, e, x, 0, t.bias, 0, y, 0, y.asSlice(16), 0, t.counts, 0, 1)},
                    new Object[] {IllegalArgumentException.class, "partially overlap",
                        (Executable) () -> Masked.forward(a, e, x.asSlice(0, bytes - 8), 0, x.asSlice(8), 0, mask, 0, N / 2)},
                    new Object[] {IndexOutOfBoundsException.class, "mask",
                        (Executable) () -> Masked.forward(a, e, x, 0, y, 0, mask.asSlice(8), 0, N)},
                    new Object[] {IndexOutOfBoundsException.class, "mask",
                        (Executable) () -> Masked.backward(a, e, mask, 64L * t.mask.length - 10, x, 0, y, 0, 11)},
                    new Object[] {IndexOutOfBoundsException.class, "dy",
                        (Executable) () -> Masked.backward(a, e, mask, 0, x, 1, y, 0, N)},
                    new Object[] {IndexOutOfBoundsException.class, "counts",
                        (Executable) () -> Epilogues.forward(ep, e, x, 0, t.bias, 0, y, 0, mask, 0, t.counts, 3, 3)},
                    new Object[] {NullPointerException.class, "mask",
                        (Executable) () -> Masked.forward(a, e, x, 0, y, 0, (MemorySegment) null, 0, N)});
            for (Object[] c : calls) {
                @SuppressWarnings("unchecked")
                Class<? extends Throwable> type = (Class<? extends Throwable>) c[0];
                t.rejected(type, (String) c[1], () -> {
                    try {
                        ((Executable) c[2]).execute();
                    } finally {
                        sync.run();
                    }
                });
            }
            // a read-only mask is fine to read
            Masked.backward(a, e, mask.asReadOnly(), 0, x, 0, y, 0, N);
        }
    }

    /**
     * A closed output or mask fails (as the JDK fails) before anything is written: neither the
     * mask nor the output may hold a block's results when the other cannot be written.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aClosedOutputOrMaskWritesNothing(Engine engine, Element e) {
        Activation a = Activation.relu().on(engine);
        int bytes = N * e.size() / 8;
        for (boolean closeMask : new boolean[] {false, true}) {
            try (Arena arena = Arena.ofConfined()) {
                Tensors t = new Tensors(e);
                MemorySegment x = arena.allocate(bytes, 64);
                e.copyInto(t.x, x);
                MemorySegment y = arena.allocate(bytes, 64);
                e.copyInto(t.y, y);
                MemorySegment mask = arena.allocate(8L * t.mask.length, 8);
                MemorySegment.copy(t.mask, 0, mask, ValueLayout.JAVA_LONG, 0, t.mask.length);
                Arena other = Arena.ofConfined();
                MemorySegment dead = other.allocate(closeMask ? mask.byteSize() : bytes, 64);
                other.close();
                t.rejected(IllegalStateException.class, "closed", () -> {
                    try {
                        Masked.forward(a, e, x, 0, closeMask ? y : dead, 0, closeMask ? dead : mask, 0, N);
                    } finally {
                        e.copyFrom(y, t.y);
                        MemorySegment.copy(mask, ValueLayout.JAVA_LONG, 0, t.mask, 0, t.mask.length);
                    }
                });
            }
        }
    }
}
