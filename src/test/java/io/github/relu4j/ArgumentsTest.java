package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * a parallel one. (ParallelReluKernelsTest checks them again at lengths that would be split.)
 */
class ArgumentsTest {
    private static final int N = 40;

    static List<ReluKernels> implementations() {
        List<ReluKernels> all = new ArrayList<>(List.of(ReluKernels.scalar()));
        if (KernelSelector.vectorModuleReadable()) {
            all.add(ReluKernels.vector());
        }
        all.add(ReluKernels.parallel(all.getLast(), 3)); // the same checks, on the caller, before any task
        return all;
    }

    static Stream<Arguments> cases() {
        return implementations().stream().flatMap(k -> KernelCase.all().stream().map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void nullArrays(ReluKernels impl, KernelCase kernel) {
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
    void rangesOutsideTheirArrays(ReluKernels impl, KernelCase kernel) {
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
    void partiallyOverlappingOutputIsRejected(ReluKernels impl, KernelCase kernel) {
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
    void adjacentRangesAndOverlappingInputsAreAccepted(ReluKernels impl, KernelCase kernel) {
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(2);
        Object shared = e.randomBitsArray(N, random);
        Object expected = e.copy(shared);
        // x = [0, 17) and dy = [3, 20) overlap each other; the output [20, 37) touches dy's end.
        kernel.run(ReluKernels.scalar(), e.copy(shared), 0, e.copy(shared), 3, expected, 20, 17);
        kernel.run(impl, shared, 0, shared, 3, shared, 20, 17);
        assertArrayEquals(e.allBits(expected), e.allBits(shared));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void lengthZeroIsANoOpEvenAtTheEnd(ReluKernels impl, KernelCase kernel) {
        Element e = kernel.element();
        Object x = e.newArray(N);
        Object out = e.filled(N, e.canary);
        kernel.run(impl, x, N, x, N, out, N, 0);
        kernel.run(impl, x, 0, x, 0, out, 0, 0);
        kernel.run(impl, e.newArray(0), 0, e.newArray(0), 0, e.newArray(0), 0, 0);
        assertArrayEquals(e.allBits(e.filled(N, e.canary)), e.allBits(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void nonFiniteAlphaIsRejected(ReluKernels impl) {
        float[] xf = new float[N];
        float[] outf = new float[N];
        double[] xd = new double[N];
        double[] outd = new double[N];
        for (float alpha : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            rejected(IllegalArgumentException.class, Element.FLOAT,
                    () -> impl.leakyReluForward(xf, 0, outf, 0, N, alpha), xf, outf);
            rejected(IllegalArgumentException.class, Element.FLOAT,
                    () -> impl.leakyReluBackward(xf, 0, xf, 0, outf, 0, N, alpha), xf, outf);
            rejected(IllegalArgumentException.class, Element.FLOAT,
                    () -> LeakyRelu.forward(xf, outf, alpha), xf, outf);
            rejected(IllegalArgumentException.class, Element.FLOAT,
                    () -> LeakyRelu.backward(xf, xf, outf, alpha), xf, outf);
        }
        for (double alpha : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            rejected(IllegalArgumentException.class, Element.DOUBLE,
                    () -> impl.leakyReluForward(xd, 0, outd, 0, N, alpha), xd, outd);
            rejected(IllegalArgumentException.class, Element.DOUBLE,
                    () -> impl.leakyReluBackward(xd, 0, xd, 0, outd, 0, N, alpha), xd, outd);
            rejected(IllegalArgumentException.class, Element.DOUBLE,
                    () -> LeakyRelu.forward(xd, outd, alpha), xd, outd);
            rejected(IllegalArgumentException.class, Element.DOUBLE,
                    () -> LeakyRelu.backward(xd, xd, outd, alpha), xd, outd);
        }
    }

    @Test
    void wholeArrayFormsNeedOneLength() {
        float[] f = new float[N];
        float[] shortF = new float[N - 1];
        double[] d = new double[N];
        double[] shortD = new double[N - 1];
        List<Executable> calls = List.of(
                () -> Relu.forward(f, shortF), () -> Relu.forward(shortF, f),
                () -> Relu.backward(f, f, shortF), () -> Relu.backward(f, shortF, f),
                () -> LeakyRelu.forward(f, shortF), () -> LeakyRelu.forward(f, shortF, 0.2f),
                () -> LeakyRelu.backward(f, f, shortF), () -> LeakyRelu.backward(shortF, f, f, 0.2f),
                () -> Relu.forward(d, shortD), () -> Relu.backward(d, shortD, d),
                () -> LeakyRelu.forward(shortD, d), () -> LeakyRelu.forward(d, shortD, 0.2),
                () -> LeakyRelu.backward(d, d, shortD), () -> LeakyRelu.backward(d, shortD, d, 0.2));
        for (Executable call : calls) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call);
            assertTrue(thrown.getMessage().contains("length"), thrown.getMessage());
        }
        assertArrayEquals(new float[N], f);
        assertArrayEquals(new double[N], d);
    }

    @Test
    void wholeArrayFormsRejectNulls() {
        float[] f = new float[N];
        double[] d = new double[N];
        List<Executable> calls = List.of(
                () -> Relu.forward(null, f), () -> Relu.forward(f, null),
                () -> Relu.backward(f, null, f), () -> Relu.backward(f, f, null),
                () -> LeakyRelu.forward((float[]) null, f), () -> LeakyRelu.backward(f, f, (float[]) null, 0.1f),
                () -> Relu.forward((double[]) null, d), () -> Relu.backward(null, d, d),
                () -> LeakyRelu.forward(d, null, 0.1), () -> LeakyRelu.backward(d, (double[]) null, d));
        for (Executable call : calls) {
            assertThrows(NullPointerException.class, call);
        }
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
