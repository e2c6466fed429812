package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class InputPoolTest {

    @Test
    void poolsHoldAbout256KiBBelow64KiFloats() {
        assertEquals(64, InputPool.arrays(1024, Float.BYTES));
        assertEquals(4, InputPool.arrays(16384, Float.BYTES));
        assertEquals(2, InputPool.arrays(32768, Float.BYTES));
        assertEquals(1, InputPool.arrays(65536, Float.BYTES));
        assertEquals(1, InputPool.arrays(67108864, Float.BYTES));
        assertEquals(2, InputPool.arrays(16384, Double.BYTES));
        assertEquals(1, InputPool.arrays(32768, Double.BYTES));
        // Not a power of two: 262144 / 4092 = 64.06, and the pool is a power of two.
        assertEquals(64, InputPool.arrays(1023, Float.BYTES));
        assertEquals(65536, InputPool.aloneFromSize(Float.BYTES));
        assertEquals(32768, InputPool.aloneFromSize(Double.BYTES));
    }

    /** The report describes the pool the benchmarks build; the two must not drift apart. */
    @Test
    void matchesTheBenchmarksInputs() throws ReflectiveOperationException {
        Method poolSize = Class.forName("io.github.relu4j.bench.Inputs")
                .getDeclaredMethod("poolSize", int.class, int.class);
        poolSize.setAccessible(true);
        for (int bytes : new int[] {Float.BYTES, Double.BYTES}) {
            for (int size = 1; size <= 1 << 26; size *= 2) {
                assertEquals(poolSize.invoke(null, size, bytes), InputPool.arrays(size, bytes), size + " × " + bytes);
                assertEquals(poolSize.invoke(null, size + 3, bytes), InputPool.arrays(size + 3, bytes));
            }
        }
    }

    @Test
    void copyWorkingSetIsThePoolPlusTheOutput() {
        assertEquals("64 × 4 KiB + 4 KiB = 260 KiB", ExplanationSection.copyWorkingSet(1024));
        assertEquals("4 × 64 KiB + 64 KiB = 320 KiB", ExplanationSection.copyWorkingSet(16384));
        assertEquals("1 × 256 KiB + 256 KiB = 512 KiB", ExplanationSection.copyWorkingSet(65536));
        assertEquals("1 × 256 MiB + 256 MiB = 512 MiB", ExplanationSection.copyWorkingSet(67108864));
    }
}
