package io.github.relu4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputPoolTest {

    @Test
    void poolsHoldAbout1MiBBelow256KiFloats() {
        assertEquals(256, InputPool.arrays(1024, Float.BYTES));
        assertEquals(16, InputPool.arrays(16384, Float.BYTES));
        assertEquals(2, InputPool.arrays(131072, Float.BYTES));
        assertEquals(1, InputPool.arrays(262144, Float.BYTES));
        assertEquals(1, InputPool.arrays(67108864, Float.BYTES));
        assertEquals(8, InputPool.arrays(16384, Double.BYTES));
        assertEquals(1, InputPool.arrays(131072, Double.BYTES));
        // Not a power of two: 1048576 / 4092 = 256.25, and the pool is a power of two.
        assertEquals(256, InputPool.arrays(1023, Float.BYTES));
        assertEquals(262144, InputPool.aloneFromSize(Float.BYTES));
        assertEquals(131072, InputPool.aloneFromSize(Double.BYTES));
    }

    @Test
    void copyWorkingSetIsThePoolPlusTheOutput() {
        assertEquals("256 × 4 KiB + 4 KiB = 1028 KiB", ExplanationSection.copyWorkingSet(1024));
        assertEquals("16 × 64 KiB + 64 KiB = 1088 KiB", ExplanationSection.copyWorkingSet(16384));
        assertEquals("1 × 1 MiB + 1 MiB = 2 MiB", ExplanationSection.copyWorkingSet(262144));
        assertEquals("1 × 256 MiB + 256 MiB = 512 MiB", ExplanationSection.copyWorkingSet(67108864));
    }
}
