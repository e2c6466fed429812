package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public kernel method of {@link Activation} (whole arrays, offsets, whole segments, segment
 * offsets; forward and backward; every element type), for every op of the catalogue, on the
 * engine the factories choose, against the scalar reference, bit for bit, on special values and
 * random bits, out of place and in place. {@link FallbackTest} runs these again in a JVM without
 * the Vector API.
 */
class FacadeTest {
    private static final int N = 1000;

    /** How a method takes its data. */
    enum Form {
        WHOLE_ARRAYS, ARRAY_OFFSETS, WHOLE_SEGMENTS, SEGMENT_OFFSETS;

        boolean whole() {
            return this == WHOLE_ARRAYS || this == WHOLE_SEGMENTS;
        }
    }

    /** One public method: a kernel and the form it takes its data in. */
    record Facade(KernelCase reference, Form form) {
        void run(Object x, int xo, Object dy, int dyo, Object out, int oo, int n) {
            Activation a = reference.activation();
            Element e = reference.element();
            boolean backward = reference.backward();
            switch (form) {
                case WHOLE_ARRAYS -> e.callWhole(a, backward, x, dy, out);
                case ARRAY_OFFSETS -> e.call(a, backward, x, xo, dy, dyo, out, oo, n);
                case WHOLE_SEGMENTS -> Storage.NATIVE.run(e, (k, xs, xso, dys, dyso, os, oso, m) ->
                        e.callWhole(a, backward, xs, dys, os), null, x, xo, dy, dyo, out, oo, n);
                case SEGMENT_OFFSETS -> Storage.NATIVE.run(e, (k, xs, xso, dys, dyso, os, oso, m) ->
                        e.call(a, backward, xs, xso, dys, dyso, os, oso, m), null, x, xo, dy, dyo, out, oo, n);
            }
        }

        @Override
        public String toString() {
            return reference + " " + form.name().toLowerCase();
        }
    }

    static List<Facade> facades() {
        List<Facade> all = new ArrayList<>();
        for (KernelCase k : KernelCase.on(Storage.ARRAY)) {
            if (k.typical()) {
                for (Form form : Form.values()) {
                    all.add(new Facade(k, form));
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("facades")
    void matchesTheScalarReference(Facade facade) {
        KernelCase ref = facade.reference();
        Element e = ref.element();
        SplittableRandom random = new SplittableRandom(11);
        Object x = specialsThenRandomBits(e, random);
        Object dy = specialsThenRandomBits(e, random);
        boolean whole = facade.form().whole();
        int xo = whole ? 0 : 3;
        int dyo = whole ? 0 : 1;
        int oo = whole ? 0 : 2;
        int n = whole ? N : N - 3;

        Object want = e.filled(N, e.canary);
        Object got = e.filled(N, e.canary);
        ref.run(Engine.scalar(), x, xo, dy, dyo, want, oo, n);
        facade.run(x, xo, dy, dyo, got, oo, n);
        assertArrayEquals(e.allBits(want), e.allBits(got), facade + " out of place");

        // In place, on top of x: outside the range x keeps its input.
        Object wantInPlace = e.copy(x);
        ref.run(Engine.scalar(), e.copy(x), xo, dy, dyo, wantInPlace, xo, n);
        Object x2 = e.copy(x);
        facade.run(x2, xo, dy, dyo, x2, xo, n);
        assertArrayEquals(e.allBits(wantInPlace), e.allBits(x2), facade + " in place");
    }

    @Test
    void defaultsAndAliases() {
        assertEquals(0.01, Activation.DEFAULT_ALPHA);
        assertEquals(Activation.leakyRelu(0.01), Activation.leakyRelu());
        float[] y = new float[1];
        Activation.leakyRelu().forward(new float[] {-1f}, y);
        assertEquals(-0.01f, y[0], "the float kernels use alpha rounded to float");
        double[] d = new double[1];
        Activation.leakyRelu().forward(new double[] {-1d}, d);
        assertEquals(-0.01, d[0]);
        assertEquals(Activation.hardtanh(0, 6), Activation.relu6());
        assertSame(Activation.relu(), Activation.relu());
    }

    @Test
    void identity() {
        assertEquals("relu", Activation.relu().toString());
        assertEquals("leakyRelu(alpha=0.2)", Activation.leakyRelu(0.2).toString());
        assertEquals("hardtanh(min=0.0, max=6.0)", Activation.relu6().toString());
        assertEquals("threshold(threshold=0.5, value=-2.0) on scalar",
                Activation.threshold(0.5, -2).on(Engine.scalar()).toString());
        assertNotEquals(Activation.hardtanh(-0.0, 1), Activation.hardtanh(0.0, 1), "parameters compare as bits");
        assertNotEquals(Activation.relu(), Activation.relu().on(Engine.scalar()));
        assertEquals(Activation.relu().on(Engine.scalar()), Activation.relu().on(Engine.scalar()));
        assertEquals(Activation.relu().on(Engine.scalar()).hashCode(), Activation.relu().on(Engine.scalar()).hashCode());
        assertSame(Engine.preferred(), Activation.relu().engine());
        assertSame(Engine.scalar(), Activation.relu().on(Engine.scalar()).engine());
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
