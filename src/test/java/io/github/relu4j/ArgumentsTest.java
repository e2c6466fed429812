package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejected argument throws the documented exception before anything is written; accepted
 * edge cases (length 0 at the end of an array, inputs that overlap each other) work. Run for
 * every implementation the JVM offers: the scalar one, the vector one when its module is there, and
 * a parallel one. (ParallelLoopsTest checks them again at lengths that would be split.)
 */
class ArgumentsTest {
    private static final int N = 40;

    static List<Engine> implementations() {
        List<Engine> all = new ArrayList<>(List.of(Engine.scalar()));
        if (Selector.vectorModuleReadable()) {
            all.add(Engine.vector());
        }
        all.add(Engine.parallel(all.getLast(), 3)); // the same checks, on the caller, before any task
        return all;
    }

    static Stream<Arguments> cases() {
        return implementations().stream().flatMap(k -> KernelCase.all().stream().map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void nullArrays(Engine impl, KernelCase kernel) {
        Element e = kernel.element();
        Object x = e.newArray(N);
        Object dy = e.newArray(N);
        Object out = e.filled(N, e.canary);
        rejected(NullPointerException.class, e, () -> kernel.run(impl, null, 0, dy, 0, out, 0, N), x, dy, out);
        rejected(NullPointerException.class, e, () -> kernel.run(impl, x, 0, dy, 0, null, 0, N), x, dy, out);
        if (kernel.backward()) {
            rejected(NullPointerException.class, e, () -> kernel.run(impl, x, 0, null, 0, out, 0, N), x, dy, out);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rangesOutsideTheirArrays(Engine impl, KernelCase kernel) {
        Element e = kernel.element();
        Object x = e.newArray(N);
        Object dy = e.newArray(N);
        Object out = e.filled(N, e.canary);
        int[][] bad = { // xOffset, dyOffset, outOffset, length
            {-1, 0, 0, 1}, {0, 0, -1, 1}, {0, 0, 0, -1}, {1, 0, 0, N}, {0, 0, 1, N}, {0, 0, 0, N + 1},
            {N + 1, 0, 0, 0}, {0, 0, N + 1, 0}, {Integer.MAX_VALUE, 0, 0, 1}, {0, 0, Integer.MAX_VALUE, 2},
            {Integer.MIN_VALUE, 0, 0, 1},
        };
        for (int[] b : bad) {
            rejected(IndexOutOfBoundsException.class, e, () -> kernel.run(impl, x, b[0], dy, b[1], out, b[2], b[3]),
                    x, dy, out);
        }
        if (kernel.backward()) {
            rejected(IndexOutOfBoundsException.class, e, () -> kernel.run(impl, x, 0, dy, 1, out, 0, N), x, dy, out);
            rejected(IndexOutOfBoundsException.class, e, () -> kernel.run(impl, x, 0, dy, -1, out, 0, 1), x, dy, out);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void partiallyOverlappingOutputIsRejected(Engine impl, KernelCase kernel) {
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(1);
        Object shared = e.randomBitsArray(N, random);
        Object other = e.randomBitsArray(N, random);
        for (int shift : new int[] {1, -1, 7, -(N / 2 - 1)}) {
            int in = shift > 0 ? 0 : -shift;
            int out = in + shift;
            int length = N / 2;
            // output over x
            rejected(IllegalArgumentException.class, e,
                    () -> kernel.run(impl, shared, in, other, 0, shared, out, length), shared, other);
            if (kernel.backward()) { // output over dy
                rejected(IllegalArgumentException.class, e,
                        () -> kernel.run(impl, other, 0, shared, in, shared, out, length), shared, other);
            }
        }
    }

    /** Ranges of one array that touch but do not overlap are independent; inputs may overlap each other. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void adjacentRangesAndOverlappingInputsAreAccepted(Engine impl, KernelCase kernel) {
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(2);
        Object shared = e.randomBitsArray(N, random);
        Object expected = e.copy(shared);
        // x = [0, 17) and dy = [3, 20) overlap each other; the output [20, 37) touches dy's end.
        kernel.run(Engine.scalar(), e.copy(shared), 0, e.copy(shared), 3, expected, 20, 17);
        kernel.run(impl, shared, 0, shared, 3, shared, 20, 17);
        assertArrayEquals(e.allBits(expected), e.allBits(shared));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void lengthZeroIsANoOpEvenAtTheEnd(Engine impl, KernelCase kernel) {
        Element e = kernel.element();
        Object x = e.newArray(N);
        Object out = e.filled(N, e.canary);
        kernel.run(impl, x, N, x, N, out, N, 0);
        kernel.run(impl, x, 0, x, 0, out, 0, 0);
        kernel.run(impl, e.newArray(0), 0, e.newArray(0), 0, e.newArray(0), 0, 0);
        assertArrayEquals(e.allBits(e.filled(N, e.canary)), e.allBits(out));
    }

    @Test
    void invalidParametersAreRejectedByTheFactories() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertMessage(IllegalArgumentException.class, "alpha must be finite", () -> Activation.leakyRelu(bad));
            assertMessage(IllegalArgumentException.class, "min must be finite", () -> Activation.hardtanh(bad, 1));
            assertMessage(IllegalArgumentException.class, "max must be finite", () -> Activation.hardtanh(0, bad));
            assertMessage(IllegalArgumentException.class, "threshold must be finite",
                    () -> Activation.threshold(bad, 0));
            assertMessage(IllegalArgumentException.class, "value must be finite", () -> Activation.threshold(0, bad));
        }
        assertMessage(IllegalArgumentException.class, "min (1.0) must not be greater than max (0.0)",
                () -> Activation.hardtanh(1, 0));
        Activation.hardtanh(2, 2); // an empty range is allowed
    }

    /** A parameter finite as a double but infinite as a float: the float methods reject it, before any write. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void parametersThatOverflowAFloatAreRejectedByFloatCalls(Engine impl) {
        float[] xf = new float[N];
        float[] outf = (float[]) Element.FLOAT.filled(N, Element.FLOAT.canary);
        for (Activation a : List.of(Activation.leakyRelu(1e300), Activation.hardtanh(-1e39, 0),
                Activation.threshold(0, -1e300))) {
            Activation on = a.on(impl);
            rejected(IllegalArgumentException.class, Element.FLOAT, () -> on.forward(xf, outf), xf, outf);
            rejected(IllegalArgumentException.class, Element.FLOAT, () -> on.backward(xf, xf, outf), xf, outf);
            assertMessage(IllegalArgumentException.class, "as a float", () -> on.forward(xf, outf));
            on.forward(new double[N], new double[N]); // fine in doubles
        }
    }

    /**
     * A bound or value the 16-bit kernels would write as infinity (binary16's largest finite is
     * 65504; 65520 rounds to infinity) is rejected by those calls, before any write, naming the
     * parameter; bfloat16 holds it, and parameters that are compared only (a threshold, a slope)
     * may be anything finite as a float.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void parametersA16BitFormatWouldWriteAsInfinityAreRejected(Engine impl) {
        Element h = Element.F16;
        short[] x = (short[]) h.fromBits(SpecialValues.F16);
        short[] out = (short[]) h.filled(x.length, h.canary);
        for (Activation a : List.of(Activation.hardtanh(-65520, 0), Activation.hardtanh(0, 65520),
                Activation.threshold(0, -1e5))) {
            Activation on = a.on(impl);
            rejected(IllegalArgumentException.class, h, () -> on.forwardF16(x, out), x, out);
            rejected(IllegalArgumentException.class, h, () -> on.backwardF16(x, x, out), x, out);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment xs = arena.allocate(2L * x.length);
                MemorySegment outs = arena.allocate(2L * x.length);
                h.copyInto(out, outs);
                assertThrows(IllegalArgumentException.class, () -> on.forwardF16(xs, outs));
                assertArrayEquals(h.allBits(out), h.allBits(copyOut(h, outs, x.length)), "a rejected call wrote");
            }
            on.forwardBF16(new short[N], new short[N]); // bfloat16 holds up to 3.4e38
        }
        assertMessage(IllegalArgumentException.class, "max (65520.0) overflows to Infinity in F16",
                () -> Activation.hardtanh(0, 65520).on(impl).forwardF16(x, out));
        assertMessage(IllegalArgumentException.class, "value (-100000.0) overflows to -Infinity in F16",
                () -> Activation.threshold(0, -1e5).on(impl).forwardF16(x, out));
        assertMessage(IllegalArgumentException.class, "as a float",
                () -> Activation.hardtanh(-1e39, 0).on(impl).forwardBF16(x, out));
        Activation.threshold(1e5, 65519).on(impl).forwardF16(x, out); // a threshold is compared, never written
        Activation.leakyRelu(1e30).on(impl).backwardF16(x, x, out); // a slope too: its products overflow to infinity
    }

    /** The 16-bit methods check and name their arguments as the others do. */
    @Test
    void sixteenBitMessagesNameTheArgument() {
        short[] x = new short[4];
        short[] shortDy = new short[3];
        Activation relu = Activation.relu();
        assertMessage(IllegalArgumentException.class, "dy.length (3) != x.length (4)",
                () -> relu.backwardBF16(x, shortDy, new short[4]));
        assertMessage(IllegalArgumentException.class, "y.length (3) != x.length (4)", () -> relu.forwardF16(x, shortDy));
        assertMessage(NullPointerException.class, "dx", () -> relu.backwardF16(x, x, (short[]) null));
        assertMessage(IndexOutOfBoundsException.class, "dy: range [1, 1 + 3) out of bounds for length 3",
                () -> relu.backwardBF16(x, 0, shortDy, 1, x, 0, 3));
        assertMessage(IllegalArgumentException.class, "dx[1, 4) partially overlaps dy[0, 3)",
                () -> relu.backwardF16(new short[4], 0, x, 0, x, 1, 3));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment eight = arena.allocate(8);
            assertMessage(IllegalArgumentException.class, "y.byteSize() (7) is not a multiple of the element size 2",
                    () -> relu.forwardBF16(eight, arena.allocate(7)));
            assertMessage(IllegalArgumentException.class, "dy holds 3 elements but x holds 4",
                    () -> relu.backwardF16(eight, arena.allocate(6), eight));
            assertMessage(IllegalArgumentException.class, "read-only segment (y)",
                    () -> relu.forwardF16(eight, 0, eight.asReadOnly(), 0, 4));
            assertMessage(IndexOutOfBoundsException.class, "x: range [2, 2 + 3) out of bounds for length 4",
                    () -> relu.forwardBF16(eight, 2, arena.allocate(8), 0, 3));
            relu.forwardF16(arena.allocate(10), arena.allocate(10)); // five elements: fine
        }
    }

    private static short[] copyOut(Element e, MemorySegment s, int n) {
        short[] a = new short[n];
        e.copyFrom(s, a);
        return a;
    }

    @Test
    void wholeArrayFormsNeedOneLength() {
        float[] f = new float[N];
        float[] shortF = new float[N - 1];
        double[] d = new double[N];
        double[] shortD = new double[N - 1];
        Activation relu = Activation.relu();
        Activation leaky = Activation.leakyRelu(0.2);
        Activation relu6 = Activation.relu6();
        List<Executable> calls = List.of(
                () -> relu.forward(f, shortF), () -> relu.forward(shortF, f),
                () -> relu.backward(f, f, shortF), () -> relu.backward(f, shortF, f),
                () -> leaky.forward(f, shortF), () -> leaky.backward(shortF, f, f),
                () -> relu6.forward(d, shortD), () -> relu6.backward(d, shortD, d),
                () -> leaky.forward(shortD, d), () -> leaky.backward(d, d, shortD));
        for (Executable call : calls) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call);
            assertTrue(thrown.getMessage().contains("length"), thrown.getMessage());
        }
        assertArrayEquals(new float[N], f);
        assertArrayEquals(new double[N], d);
    }

    /** Every message names the argument as the caller passed it, and for ranges its length. */
    @Test
    void messagesNameTheArgument() {
        float[] x = new float[4];
        float[] shortDy = new float[3];
        Activation relu = Activation.relu();
        assertMessage(IllegalArgumentException.class, "dy.length (3) != x.length (4)",
                () -> relu.backward(x, shortDy, new float[4]));
        assertMessage(IllegalArgumentException.class, "dx.length (3) != x.length (4)",
                () -> relu.backward(x, x, shortDy));
        assertMessage(IllegalArgumentException.class, "y.length (3) != x.length (4)", () -> relu.forward(x, shortDy));
        assertMessage(NullPointerException.class, "dy", () -> relu.backward(x, null, x));
        assertMessage(NullPointerException.class, "dx", () -> relu.backward(x, x, null));
        assertMessage(NullPointerException.class, "y", () -> relu.forward(x, null));
        assertMessage(IndexOutOfBoundsException.class, "dy: range [1, 1 + 3) out of bounds for length 3",
                () -> relu.backward(x, 0, shortDy, 1, x, 0, 3));
        assertMessage(IndexOutOfBoundsException.class, "dx: range [2, 2 + 3) out of bounds for length 4",
                () -> relu.backward(x, 0, x, 0, new float[4], 2, 3));
        assertMessage(IndexOutOfBoundsException.class, "x: range [-1, -1 + 1) out of bounds for length 4",
                () -> relu.forward(x, -1, new float[4], 0, 1));
        assertMessage(IllegalArgumentException.class, "dx[1, 4) partially overlaps dy[0, 3)",
                () -> relu.backward(new float[4], 0, x, 0, x, 1, 3));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(16);
            assertMessage(IllegalArgumentException.class, "dy holds 3 elements but x holds 4",
                    () -> relu.backwardF32(seg, arena.allocate(12), seg));
            assertMessage(IndexOutOfBoundsException.class, "dy: range [2, 2 + 3) out of bounds for length 4",
                    () -> relu.backwardF32(seg, 0, seg, 2, arena.allocate(16), 0, 3));
            assertMessage(IllegalArgumentException.class, "read-only segment (dx)",
                    () -> relu.backwardF32(seg, 0, seg, 0, seg.asReadOnly(), 0, 4));
        }
    }

    @Test
    void wholeArrayFormsRejectNulls() {
        float[] f = new float[N];
        double[] d = new double[N];
        Activation relu = Activation.relu();
        Activation leaky = Activation.leakyRelu(0.1);
        List<Executable> calls = List.of(
                () -> relu.forward(null, f), () -> relu.forward(f, null),
                () -> relu.backward(f, null, f), () -> relu.backward(f, f, null),
                () -> leaky.forward((float[]) null, f), () -> leaky.backward(f, f, (float[]) null),
                () -> relu.forward((double[]) null, d), () -> relu.backward((double[]) null, d, d),
                () -> leaky.forward(d, null), () -> leaky.backward(d, (double[]) null, d));
        for (Executable call : calls) {
            assertThrows(NullPointerException.class, call);
        }
    }

    static void assertMessage(Class<? extends Throwable> type, String message, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(message),
                "expected a message with '" + message + "', was: " + thrown.getMessage());
    }

    /** Asserts the exception, and that none of the watched arrays changed. */
    static void rejected(Class<? extends Throwable> type, Element e, Executable call, Object... watched) {
        List<long[]> before = new ArrayList<>();
        for (Object array : watched) {
            before.add(e.allBits(array));
        }
        assertThrows(type, call);
        for (int i = 0; i < watched.length; i++) {
            assertArrayEquals(before.get(i), e.allBits(watched[i]), "an array changed although the call was rejected");
        }
    }
}
