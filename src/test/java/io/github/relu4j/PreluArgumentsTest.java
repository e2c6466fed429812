package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every PReLU argument error: the JDK's exception, a message that names the argument, and nothing
 * written (outputs, slope gradients and inputs keep their canaries). The shape is channels-first
 * {@code [2, 3, 4]}: 24 elements, 3 slopes.
 */
class PreluArgumentsTest {
    private static final Prelu P = Prelu.channelsFirst(3, 4);
    private static final float CANARY = 42f;

    private final float[] x = filled(24);
    private final float[] dy = filled(24);
    private final float[] out = filled(24);
    private final float[] w = {0.25f, 0.5f, 0.75f};
    private final float[] dw = filled(3);

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, CANARY);
        return a;
    }

    /** {@code call} throws {@code type} with a message containing {@code name}, and wrote nothing. */
    private <T extends Throwable> void rejects(Class<T> type, String name, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(name), "message names " + name + ": " + e.getMessage());
        assertArrayEquals(filled(24), out, "out written");
        assertArrayEquals(filled(3), dw, "dw written");
        assertArrayEquals(filled(24), x, "x written");
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, w, "w written");
    }

    @Test
    void nulls() {
        rejects(NullPointerException.class, "x", () -> P.forward(null, 0, out, 0, 2, w, 0));
        rejects(NullPointerException.class, "y", () -> P.forward(x, 0, null, 0, 2, w, 0));
        rejects(NullPointerException.class, "w", () -> P.forward(x, 0, out, 0, 2, null, 0));
        rejects(NullPointerException.class, "dy", () -> P.backward(x, 0, null, 0, out, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "dx", () -> P.backward(x, 0, dy, 0, null, 0, 2, w, 0, dw, 0));
        rejects(NullPointerException.class, "dw", () -> P.backward(x, 0, dy, 0, out, 0, 2, w, 0, null, 0));
        rejects(NullPointerException.class, "w", () -> P.inputGradient(x, 0, dy, 0, out, 0, 2, null, 0));
        rejects(NullPointerException.class, "dw", () -> P.slopeGradient(x, 0, dy, 0, 2, null, 0));
        rejects(NullPointerException.class, "x", () -> P.forward(null, out, w));
        rejects(NullPointerException.class, "engine", () -> P.on(null));
    }

    @Test
    void ranges() {
        rejects(IndexOutOfBoundsException.class, "x", () -> P.forward(x, 1, out, 0, 2, w, 0));
        rejects(IndexOutOfBoundsException.class, "y", () -> P.forward(x, 0, out, -1, 2, w, 0));
        rejects(IndexOutOfBoundsException.class, "y", () -> P.forward(x, 0, filled(23), 0, 2, w, 0));
        rejects(IndexOutOfBoundsException.class, "w", () -> P.forward(x, 0, out, 0, 2, w, 1));
        rejects(IndexOutOfBoundsException.class, "dy", () -> P.backward(x, 0, dy, 3, out, 0, 2, w, 0, dw, 0));
        rejects(IndexOutOfBoundsException.class, "dw", () -> P.backward(x, 0, dy, 0, out, 0, 2, w, 0, dw, 2));
        rejects(IndexOutOfBoundsException.class, "dw", () -> P.slopeGradient(x, 0, dy, 0, 2, new float[2], 0));
        rejects(IndexOutOfBoundsException.class, "x", () -> P.forward(x, 0, out, 0, 3, w, 0));
        rejects(IllegalArgumentException.class, "n", () -> P.forward(x, 0, out, 0, -1, w, 0));
    }

    @Test
    void overlaps() {
        float[] big = filled(60);
        rejects(IllegalArgumentException.class, "partially overlaps", () -> P.forward(x, 0, x, 1, 1, w, 0));
        rejects(IllegalArgumentException.class, "w", () -> P.forward(big, 0, big, 24, 1, big, 30));
        rejects(IllegalArgumentException.class, "dw", () -> P.backward(big, 0, big, 12, out, 0, 1, w, 0, big, 5));
        rejects(IllegalArgumentException.class, "dw", () -> P.backward(x, 0, dy, 0, out, 0, 2, w, 0, w, 0));
        rejects(IllegalArgumentException.class, "dx", () -> P.backward(x, 0, dy, 0, big, 0, 2, w, 0, big, 20));
        assertEquals(CANARY, big[0], "big written");
    }

    @Test
    void slopesMustBeFinite() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] slopes = {0.25f, bad, 0.5f};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> P.backward(x, 0, dy, 0, out, 0, 2, slopes, 0, dw, 0));
            assertTrue(e.getMessage().contains("w[1]"), e.getMessage());
            assertArrayEquals(filled(24), out);
            assertArrayEquals(filled(3), dw);
        }
        // The slope gradient alone takes no slopes.
        P.slopeGradient(x, 0, dy, 0, 2, dw, 0);
        assertEquals(0f, dw[0]); // x > 0: no term
    }

    @Test
    void wholeForms() {
        rejects(IllegalArgumentException.class, "x", () -> P.forward(filled(23), filled(23), w));
        rejects(IllegalArgumentException.class, "y", () -> P.forward(x, filled(12), w));
        rejects(IllegalArgumentException.class, "w", () -> P.forward(x, out, new float[4]));
        rejects(IllegalArgumentException.class, "dw", () -> P.backward(x, dy, out, w, new float[2]));
        rejects(IllegalArgumentException.class, "dx", () -> P.inputGradient(x, dy, filled(12), w));
    }

    @Test
    void shapes() {
        assertThrows(IllegalArgumentException.class, () -> Prelu.channelsFirst(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Prelu.channelsFirst(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Prelu.channelsLast(-1));
        assertEquals(12, P.groupSize());
        assertEquals("prelu(channels-first, channels=3, spatial=4)", P.toString());
        assertEquals("prelu(shared)", Prelu.shared().toString());
        assertEquals(Prelu.channelsLast(5), Prelu.channelsLast(5));
    }

    @Test
    void rrelu() {
        assertThrows(IllegalArgumentException.class, () -> Activation.rrelu(0.5, 0.25));
        assertThrows(IllegalArgumentException.class, () -> Activation.rrelu(Double.NaN, 0.25));
        assertEquals(Activation.leakyRelu((1.0 / 8 + 1.0 / 3) / 2), Activation.rrelu());
    }

    @Test
    void segments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocate(4 * 24);
            MemorySegment outs = arena.allocate(4 * 24);
            outs.fill((byte) 7);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> P.forwardF32(xs, 0, outs.asReadOnly(), 0, 2, w, 0));
            assertTrue(e.getMessage().contains("y"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> P.forwardF32(xs, 0, outs, 1, 2, w, 0));
            assertThrows(IllegalArgumentException.class, () -> P.forwardF32(xs, 0, xs.asSlice(4), 0, 1, w, 0));
            assertThrows(IllegalArgumentException.class, () -> P.forwardF32(xs.asSlice(0, 95), outs, w));
            for (long i = 0; i < outs.byteSize(); i++) {
                assertEquals(7, outs.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i));
            }
        }
        MemorySegment closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = arena.allocate(4 * 24);
        }
        assertThrows(IllegalStateException.class, () -> P.forwardF32(closed, closed, w));
    }
}
