package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every method of {@link Relu} and {@link LeakyRelu} against the scalar reference, bit for bit,
 * on special values and random bits, at offsets and in place. {@link FallbackTest} runs these
 * again in a JVM without the Vector API.
 */
class FacadeTest {
    private static final ReluKernels REF = ReluKernels.scalar();
    private static final int N = 1000;
    private static final int OFF = 3;

    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void reluFloat() {
        float[] x = floats();
        float[] dy = floats();
        float[] want = new float[N];
        float[] got = new float[N];
        REF.reluForward(x, 0, want, 0, N);
        Relu.forward(x, got);
        assertBits(want, got);

        REF.reluForward(x, OFF, want, 1, N - OFF);
        Relu.forward(x, OFF, got, 1, N - OFF);
        assertBits(want, got);

        REF.reluBackward(x, 0, dy, 0, want, 0, N);
        Relu.backward(x, dy, got);
        assertBits(want, got);

        REF.reluBackward(x, 1, dy, OFF, want, 0, N - OFF);
        Relu.backward(x, 1, dy, OFF, got, 0, N - OFF);
        assertBits(want, got);

        REF.reluForward(x, 0, want, 0, N);
        Relu.forward(x, x);
        assertBits(want, x);
    }

    @Test
    void reluDouble() {
        double[] x = doubles();
        double[] dy = doubles();
        double[] want = new double[N];
        double[] got = new double[N];
        REF.reluForward(x, 0, want, 0, N);
        Relu.forward(x, got);
        assertBits(want, got);

        REF.reluForward(x, OFF, want, 1, N - OFF);
        Relu.forward(x, OFF, got, 1, N - OFF);
        assertBits(want, got);

        REF.reluBackward(x, 0, dy, 0, want, 0, N);
        Relu.backward(x, dy, got);
        assertBits(want, got);

        REF.reluBackward(x, 1, dy, OFF, want, 0, N - OFF);
        Relu.backward(x, 1, dy, OFF, got, 0, N - OFF);
        assertBits(want, got);

        REF.reluBackward(x, 0, dy, 0, want, 0, N);
        Relu.backward(x, dy, dy);
        assertBits(want, dy);
    }

    @Test
    void leakyReluFloat() {
        float[] x = floats();
        float[] dy = floats();
        float[] want = new float[N];
        float[] got = new float[N];
        REF.leakyReluForward(x, 0, want, 0, N, 0.01f);
        LeakyRelu.forward(x, got);
        assertBits(want, got);

        REF.leakyReluForward(x, 0, want, 0, N, 1.3f);
        LeakyRelu.forward(x, got, 1.3f);
        assertBits(want, got);

        REF.leakyReluForward(x, OFF, want, 1, N - OFF, -0.5f);
        LeakyRelu.forward(x, OFF, got, 1, N - OFF, -0.5f);
        assertBits(want, got);

        REF.leakyReluBackward(x, 0, dy, 0, want, 0, N, 0.01f);
        LeakyRelu.backward(x, dy, got);
        assertBits(want, got);

        REF.leakyReluBackward(x, 0, dy, 0, want, 0, N, 0.2f);
        LeakyRelu.backward(x, dy, got, 0.2f);
        assertBits(want, got);

        REF.leakyReluBackward(x, 1, dy, OFF, want, 0, N - OFF, 0f);
        LeakyRelu.backward(x, 1, dy, OFF, got, 0, N - OFF, 0f);
        assertBits(want, got);

        REF.leakyReluBackward(x, 0, dy, 0, want, 0, N, 0.5f);
        LeakyRelu.backward(x, dy, x, 0.5f);
        assertBits(want, x);
    }

    @Test
    void leakyReluDouble() {
        double[] x = doubles();
        double[] dy = doubles();
        double[] want = new double[N];
        double[] got = new double[N];
        REF.leakyReluForward(x, 0, want, 0, N, 0.01);
        LeakyRelu.forward(x, got);
        assertBits(want, got);

        REF.leakyReluForward(x, 0, want, 0, N, 1.3);
        LeakyRelu.forward(x, got, 1.3);
        assertBits(want, got);

        REF.leakyReluForward(x, OFF, want, 1, N - OFF, -0.5);
        LeakyRelu.forward(x, OFF, got, 1, N - OFF, -0.5);
        assertBits(want, got);

        REF.leakyReluBackward(x, 0, dy, 0, want, 0, N, 0.01);
        LeakyRelu.backward(x, dy, got);
        assertBits(want, got);

        REF.leakyReluBackward(x, 0, dy, 0, want, 0, N, 0.2);
        LeakyRelu.backward(x, dy, got, 0.2);
        assertBits(want, got);

        REF.leakyReluBackward(x, 1, dy, OFF, want, 0, N - OFF, 0);
        LeakyRelu.backward(x, 1, dy, OFF, got, 0, N - OFF, 0);
        assertBits(want, got);

        REF.leakyReluForward(x, 0, want, 0, N, 0.5);
        LeakyRelu.forward(x, x, 0.5);
        assertBits(want, x);
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

    /** Special values first, then random bits. */
    private float[] floats() {
        float[] a = new float[N];
        long[] specials = SpecialValues.FLOATS;
        for (int i = 0; i < N; i++) {
            a[i] = Float.intBitsToFloat(i < specials.length ? (int) specials[i] : random.nextInt());
        }
        return a;
    }

    private double[] doubles() {
        double[] a = new double[N];
        long[] specials = SpecialValues.DOUBLES;
        for (int i = 0; i < N; i++) {
            a[i] = Double.longBitsToDouble(i < specials.length ? specials[i] : random.nextLong());
        }
        return a;
    }

    private static void assertBits(float[] want, float[] got) {
        assertArrayEquals(Element.FLOAT.allBits(want), Element.FLOAT.allBits(got));
    }

    private static void assertBits(double[] want, double[] got) {
        assertArrayEquals(Element.DOUBLE.allBits(want), Element.DOUBLE.allBits(got));
    }
}
