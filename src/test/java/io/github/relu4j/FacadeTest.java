package io.github.relu4j;

import static io.github.relu4j.Element.DOUBLE;
import static io.github.relu4j.Element.FLOAT;
import static io.github.relu4j.KernelCase.Kind.LEAKY_RELU_BACKWARD;
import static io.github.relu4j.KernelCase.Kind.LEAKY_RELU_FORWARD;
import static io.github.relu4j.KernelCase.Kind.RELU_BACKWARD;
import static io.github.relu4j.KernelCase.Kind.RELU_FORWARD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method of {@link Relu} and {@link LeakyRelu}, on arrays and on segments, against the
 * scalar reference kernel it stands for, bit for bit, on special values and random bits, out of
 * place and in place.
 * {@link FallbackTest} runs these again in a JVM without the Vector API.
 */
class FacadeTest {
    private static final int N = 1000;

    /** A facade method, called through the KernelCase signature, and the reference it must equal. */
    record Facade(String name, KernelCase reference, boolean wholeArrays, KernelCase.Runner call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Facade> facades() {
        float a = 0.2f;
        double ad = 0.2;
        return List.of(
            whole("Relu.forward(float[], float[])", ref(RELU_FORWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forward((float[]) x, (float[]) o)),
            offsets("Relu.forward(float[], int, float[], int, int)", ref(RELU_FORWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forward((float[]) x, xo, (float[]) o, oo, n)),
            whole("Relu.backward(float[], float[], float[])", ref(RELU_BACKWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backward((float[]) x, (float[]) dy, (float[]) o)),
            offsets("Relu.backward(float[], int, ...)", ref(RELU_BACKWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backward((float[]) x, xo, (float[]) dy, dyo, (float[]) o, oo, n)),
            whole("Relu.forward(double[], double[])", ref(RELU_FORWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forward((double[]) x, (double[]) o)),
            offsets("Relu.forward(double[], int, double[], int, int)", ref(RELU_FORWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forward((double[]) x, xo, (double[]) o, oo, n)),
            whole("Relu.backward(double[], double[], double[])", ref(RELU_BACKWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backward((double[]) x, (double[]) dy, (double[]) o)),
            offsets("Relu.backward(double[], int, ...)", ref(RELU_BACKWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backward((double[]) x, xo, (double[]) dy, dyo, (double[]) o, oo, n)),

            whole("LeakyRelu.forward(float[], float[])", ref(LEAKY_RELU_FORWARD, FLOAT, LeakyRelu.DEFAULT_ALPHA),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forward((float[]) x, (float[]) o)),
            whole("LeakyRelu.forward(float[], float[], float)", ref(LEAKY_RELU_FORWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forward((float[]) x, (float[]) o, a)),
            offsets("LeakyRelu.forward(float[], int, float[], int, int, float)", ref(LEAKY_RELU_FORWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forward((float[]) x, xo, (float[]) o, oo, n, a)),
            whole("LeakyRelu.backward(float[], float[], float[])", ref(LEAKY_RELU_BACKWARD, FLOAT, LeakyRelu.DEFAULT_ALPHA),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backward((float[]) x, (float[]) dy, (float[]) o)),
            whole("LeakyRelu.backward(float[], float[], float[], float)", ref(LEAKY_RELU_BACKWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backward((float[]) x, (float[]) dy, (float[]) o, a)),
            offsets("LeakyRelu.backward(float[], int, ..., float)", ref(LEAKY_RELU_BACKWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) ->
                    LeakyRelu.backward((float[]) x, xo, (float[]) dy, dyo, (float[]) o, oo, n, a)),
            whole("LeakyRelu.forward(double[], double[])", ref(LEAKY_RELU_FORWARD, DOUBLE, LeakyRelu.DEFAULT_ALPHA_DOUBLE),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forward((double[]) x, (double[]) o)),
            whole("LeakyRelu.forward(double[], double[], double)", ref(LEAKY_RELU_FORWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forward((double[]) x, (double[]) o, ad)),
            offsets("LeakyRelu.forward(double[], int, double[], int, int, double)", ref(LEAKY_RELU_FORWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forward((double[]) x, xo, (double[]) o, oo, n, ad)),
            whole("LeakyRelu.backward(double[], double[], double[])",
                ref(LEAKY_RELU_BACKWARD, DOUBLE, LeakyRelu.DEFAULT_ALPHA_DOUBLE),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backward((double[]) x, (double[]) dy, (double[]) o)),
            whole("LeakyRelu.backward(double[], double[], double[], double)", ref(LEAKY_RELU_BACKWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backward((double[]) x, (double[]) dy, (double[]) o, ad)),
            offsets("LeakyRelu.backward(double[], int, ..., double)", ref(LEAKY_RELU_BACKWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) ->
                    LeakyRelu.backward((double[]) x, xo, (double[]) dy, dyo, (double[]) o, oo, n, ad)),

            // Segments (native here; every kind of segment is covered through ReluKernels in VectorAgreementTest).
            wholeSegments("Relu.forwardFloat(MemorySegment, MemorySegment)", ref(RELU_FORWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forwardFloat(x, o)),
            segments("Relu.forwardFloat(MemorySegment, long, ...)", ref(RELU_FORWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forwardFloat(x, xo, o, oo, n)),
            wholeSegments("Relu.backwardFloat(MemorySegment, MemorySegment, MemorySegment)", ref(RELU_BACKWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backwardFloat(x, dy, o)),
            segments("Relu.backwardFloat(MemorySegment, long, ...)", ref(RELU_BACKWARD, FLOAT, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backwardFloat(x, xo, dy, dyo, o, oo, n)),
            wholeSegments("Relu.forwardDouble(MemorySegment, MemorySegment)", ref(RELU_FORWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forwardDouble(x, o)),
            segments("Relu.forwardDouble(MemorySegment, long, ...)", ref(RELU_FORWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.forwardDouble(x, xo, o, oo, n)),
            wholeSegments("Relu.backwardDouble(MemorySegment, MemorySegment, MemorySegment)", ref(RELU_BACKWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backwardDouble(x, dy, o)),
            segments("Relu.backwardDouble(MemorySegment, long, ...)", ref(RELU_BACKWARD, DOUBLE, 0),
                (k, x, xo, dy, dyo, o, oo, n) -> Relu.backwardDouble(x, xo, dy, dyo, o, oo, n)),

            wholeSegments("LeakyRelu.forwardFloat(MemorySegment, MemorySegment)",
                ref(LEAKY_RELU_FORWARD, FLOAT, LeakyRelu.DEFAULT_ALPHA),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forwardFloat(x, o)),
            wholeSegments("LeakyRelu.forwardFloat(MemorySegment, MemorySegment, float)", ref(LEAKY_RELU_FORWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forwardFloat(x, o, a)),
            segments("LeakyRelu.forwardFloat(MemorySegment, long, ..., float)", ref(LEAKY_RELU_FORWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forwardFloat(x, xo, o, oo, n, a)),
            wholeSegments("LeakyRelu.backwardFloat(MemorySegment, MemorySegment, MemorySegment)",
                ref(LEAKY_RELU_BACKWARD, FLOAT, LeakyRelu.DEFAULT_ALPHA),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backwardFloat(x, dy, o)),
            wholeSegments("LeakyRelu.backwardFloat(MemorySegment, MemorySegment, MemorySegment, float)",
                ref(LEAKY_RELU_BACKWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backwardFloat(x, dy, o, a)),
            segments("LeakyRelu.backwardFloat(MemorySegment, long, ..., float)", ref(LEAKY_RELU_BACKWARD, FLOAT, a),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backwardFloat(x, xo, dy, dyo, o, oo, n, a)),
            wholeSegments("LeakyRelu.forwardDouble(MemorySegment, MemorySegment)",
                ref(LEAKY_RELU_FORWARD, DOUBLE, LeakyRelu.DEFAULT_ALPHA_DOUBLE),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forwardDouble(x, o)),
            wholeSegments("LeakyRelu.forwardDouble(MemorySegment, MemorySegment, double)", ref(LEAKY_RELU_FORWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forwardDouble(x, o, ad)),
            segments("LeakyRelu.forwardDouble(MemorySegment, long, ..., double)", ref(LEAKY_RELU_FORWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.forwardDouble(x, xo, o, oo, n, ad)),
            wholeSegments("LeakyRelu.backwardDouble(MemorySegment, MemorySegment, MemorySegment)",
                ref(LEAKY_RELU_BACKWARD, DOUBLE, LeakyRelu.DEFAULT_ALPHA_DOUBLE),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backwardDouble(x, dy, o)),
            wholeSegments("LeakyRelu.backwardDouble(MemorySegment, MemorySegment, MemorySegment, double)",
                ref(LEAKY_RELU_BACKWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backwardDouble(x, dy, o, ad)),
            segments("LeakyRelu.backwardDouble(MemorySegment, long, ..., double)", ref(LEAKY_RELU_BACKWARD, DOUBLE, ad),
                (k, x, xo, dy, dyo, o, oo, n) -> LeakyRelu.backwardDouble(x, xo, dy, dyo, o, oo, n, ad)));
    }

    @ParameterizedTest
    @MethodSource("facades")
    void matchesTheScalarReference(Facade facade) {
        KernelCase ref = facade.reference();
        Element e = ref.element();
        SplittableRandom random = new SplittableRandom(11);
        Object x = specialsThenRandomBits(e, random);
        Object dy = specialsThenRandomBits(e, random);
        int xo = facade.wholeArrays() ? 0 : 3;
        int dyo = facade.wholeArrays() ? 0 : 1;
        int oo = facade.wholeArrays() ? 0 : 2;
        int n = facade.wholeArrays() ? N : N - 3;

        Object want = e.filled(N, e.canary);
        Object got = e.filled(N, e.canary);
        ref.run(ReluKernels.scalar(), x, xo, dy, dyo, want, oo, n);
        facade.call().run(null, x, xo, dy, dyo, got, oo, n);
        assertArrayEquals(e.allBits(want), e.allBits(got), facade + " out of place");

        // In place, on top of x: outside the range x keeps its input.
        Object wantInPlace = e.copy(x);
        ref.run(ReluKernels.scalar(), e.copy(x), xo, dy, dyo, wantInPlace, xo, n);
        Object x2 = e.copy(x);
        facade.call().run(null, x2, xo, dy, dyo, x2, xo, n);
        assertArrayEquals(e.allBits(wantInPlace), e.allBits(x2), facade + " in place");
    }

    @Test
    void defaultSlopes() {
        assertEquals(0.01f, LeakyRelu.DEFAULT_ALPHA);
        assertEquals(0.01, LeakyRelu.DEFAULT_ALPHA_DOUBLE);
        float[] y = new float[1];
        LeakyRelu.forward(new float[] {-1f}, y);
        assertEquals(-0.01f, y[0]);
        double[] d = new double[1];
        LeakyRelu.forward(new double[] {-1d}, d);
        assertEquals(-0.01, d[0]);
    }

    private static Facade whole(String name, KernelCase reference, KernelCase.Runner call) {
        return new Facade(name, reference, true, call);
    }

    private static Facade offsets(String name, KernelCase reference, KernelCase.Runner call) {
        return new Facade(name, reference, false, call);
    }

    private static Facade wholeSegments(String name, KernelCase reference, Storage.SegmentCall call) {
        return new Facade(name, reference, true, onNativeSegments(reference.element(), call));
    }

    private static Facade segments(String name, KernelCase reference, Storage.SegmentCall call) {
        return new Facade(name, reference, false, onNativeSegments(reference.element(), call));
    }

    private static KernelCase.Runner onNativeSegments(Element e, Storage.SegmentCall call) {
        return (k, x, xo, dy, dyo, o, oo, n) -> Storage.NATIVE.run(e, call, k, x, xo, dy, dyo, o, oo, n);
    }

    private static KernelCase ref(KernelCase.Kind kind, Element element, double alpha) {
        return KernelCase.of(kind, element, alpha);
    }

    private static Object specialsThenRandomBits(Element e, SplittableRandom random) {
        Object a = e.randomBitsArray(N, random);
        long[] specials = e.specials();
        for (int i = 0; i < specials.length; i++) {
            e.setBits(a, i, specials[i]);
        }
        return a;
    }
}
