package io.github.relu4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeClassesTest {
    private static final long KI = 1024;
    private static final long MI = KI * KI;
    private static final long GI = KI * MI;

    @Test
    void cacheSizesReadAsSysWritesThem() {
        assertEquals(48 * KI, SizeClasses.bytes("48K"));
        assertEquals(491520 * KI, SizeClasses.bytes("491520K"));
        assertEquals(32 * MI, SizeClasses.bytes("32M"));
        assertEquals(0, SizeClasses.bytes(""));
        assertEquals(0, SizeClasses.bytes("not recorded"));
    }

    @Test
    void eachInCacheSizeKeepsADoubleBackwardPassInHalfItsLevel() {
        // Intel Xeon of results/: 48 KiB L1d, 2 MiB L2, 480 MiB L3, 24 GiB.
        SizeClasses s = SizeClasses.of(48 * KI, 2 * MI, 480 * MI, 24 * GI);
        assertEquals(1024, s.l1()); // 24 KiB of doubles: x, dy, dx
        assertEquals(42 * 1024, s.l2()); // 1008 KiB <= 1 MiB < 43 Ki * 24 B
        assertEquals(10 * 1024 * 1024, s.llc()); // 240 MiB
        assertEquals(240 * 1024 * 1024, s.memory()); // floats x and y: 1920 MiB = 4 x L3
        assertFalse(s.capped());
        assertEquals(240 * 24 * 5 / 4 + 512, s.heapMiB());
        assertEquals(480 * 1024 * 1024, s.halfMemory()); // shorts x and y: 1920 MiB = 4 x L3
        assertEquals(480 * 8 * 5 / 4 + 512, s.halfHeapMiB()); // the float kernel's x and y beside them
    }

    @Test
    void aSmallMachineStillGetsAtLeastOneKiAndMemoryIsFourTimesTheLastLevel() {
        SizeClasses s = SizeClasses.of(32 * KI, 512 * KI, 0, 8 * GI); // no L3: L2 is the last level
        assertEquals(1024, s.l1());
        assertEquals(10 * 1024, s.l2());
        assertEquals(10 * 1024, s.llc());
        assertEquals(256 * 1024, s.memory()); // 2 MiB of floats x and y = 4 x 512 KiB
        assertEquals(512 * 1024, s.halfMemory());
    }

    @Test
    void theMemorySizeIsCappedByHalfTheRam() {
        SizeClasses s = SizeClasses.of(48 * KI, 2 * MI, 480 * MI, 4 * GI);
        assertTrue(s.capped());
        assertEquals(2 * GI / 24 / KI * KI, s.memory());
        assertEquals(2 * GI / 8 / KI * KI, s.halfMemory()); // the float reference's x and y in 2 GiB
    }

    @Test
    void unknownCachesAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> SizeClasses.of(0, 2 * MI, 0, GI));
    }
}
