package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatOracle} gives {@link Oracle}'s bits on every sweep of {@link ExhaustiveFloatTest}:
 * over stretches of 64 Ki patterns around the encoding's edges (zeros and subnormals, one, the
 * parameters' neighbourhoods, infinities and NaNs, of both signs) and at random places.
 */
class FloatOracleTest {
    private static final int STRETCH = 1 << 16;

    @Test
    void givesTheGenericOraclesBitsOnEverySweep() {
        List<Integer> bases = new ArrayList<>();
        for (int sign : new int[] {0, 0x8000_0000}) {
            for (float v : new float[] {0f, Float.MIN_NORMAL, 0.01f, 0.2f, 0.5f, 1f, 1.3f, 1.5f, 1.6666666f, 2f, 3f, 6f}) {
                bases.add(sign | Float.floatToRawIntBits(v) & -STRETCH);
            }
            for (int bits : new int[] {0x7f7f_0000, 0x7f80_0000, 0x7fa0_0000, 0x7fc0_0000, 0x7fff_0000}) {
                bases.add(sign | bits);
            }
        }
        SplittableRandom random = new SplittableRandom(41);
        for (int i = 0; i < 32; i++) {
            bases.add(random.nextInt() & -STRETCH);
        }
        long[] x = new long[FloatSweep.BLOCK];
        long[] dy = new long[FloatSweep.BLOCK];
        long[] bits = new long[FloatSweep.BLOCK];
        int[] generic = new int[STRETCH];
        int[] fast = new int[STRETCH];
        for (FloatSweep sweep : FloatSweep.all()) {
            for (int base : bases) {
                sweep.expected(base, generic, 0, STRETCH, x, dy, bits);
                FloatOracle.expected(sweep, base, fast, 0, STRETCH);
                for (int i = 0; i < STRETCH; i++) {
                    if (generic[i] != fast[i]) {
                        assertEquals(Integer.toHexString(generic[i]), Integer.toHexString(fast[i]),
                                sweep + " at pattern 0x" + Integer.toHexString(base + i));
                    }
                }
            }
        }
    }
}
