package io.github.relu4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import org.junit.jupiter.api.Test;

/**
 * The study's variants give the library's bits (its scalar reference) for every 16-bit encoding,
 * NaNs included, over a length that ends in a partial vector and a partial chunk.
 */
class HalfVariantsTest {
    private static final float ALPHA = 0.01f;
    /** Every encoding, then a few again: not a whole number of vectors or of staged chunks. */
    private static final int LENGTH = 65536 + 11;

    private static short[] everyEncoding() {
        short[] x = new short[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            x[i] = (short) i;
        }
        return x;
    }

    private interface Variant {
        void run(short[] x, short[] y, int n);
    }

    private static void assertSameBits(short[] expected, Variant variant) {
        short[] x = everyEncoding();
        short[] y = new short[LENGTH];
        variant.run(x, y, LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            String input = Integer.toHexString(x[i] & 0xFFFF);
            assertEquals(expected[i], y[i], () -> "wrong bits for the input encoding " + input);
        }
    }

    private static short[] reference(Activation a, boolean bf16) {
        short[] y = new short[LENGTH];
        if (bf16) {
            a.on(Engine.scalar()).forwardBF16(everyEncoding(), y);
        } else {
            a.on(Engine.scalar()).forwardF16(everyEncoding(), y);
        }
        return y;
    }

    @Test
    void binary16LeakyReluThroughTheJdksConversionsHasTheLibrarysBits() {
        short[] expected = reference(Activation.leakyRelu(ALPHA), false);
        assertSameBits(expected, (x, y, n) -> HalfVariants.leakyReluF16Plain(x, y, n, ALPHA));
        float[] scratch = new float[HalfVariants.CHUNK];
        assertSameBits(expected, (x, y, n) -> HalfVariants.leakyReluF16Staged(x, y, n, ALPHA, scratch));
    }

    @Test
    void reluWidenedToFloatHasTheLibrarysBits() {
        assertSameBits(reference(Activation.relu(), true), HalfVariants::reluBF16Widened);
        assertSameBits(reference(Activation.relu(), false), HalfVariants::reluF16Widened);
    }
}
