package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each surefire execution of the width matrix says which vector width it asked the JVM for
 * ({@code relu4j.test.vectorBits}: 128 for {@code -XX:MaxVectorSize=16} or {@code -XX:UseAVX=0},
 * 256 for {@code -XX:MaxVectorSize=32} or {@code -XX:UseAVX=2}; unset for the JVM's default,
 * the widest the CPU offers unless HotSpot's ergonomics capped MaxVectorSize); this proves it got
 * it, so the agreement tests beside it really ran at that width. A CPU narrower than asked caps
 * the expectation (read from /proc/cpuinfo).
 *
 * <p>On aarch64 ({@code .ci/aarch64.sh}, under QEMU) the width is that of the emulated vector
 * unit: 128 for NEON, the SVE vector length otherwise. /proc/cpuinfo cannot tell it (it does not
 * show SVE's length, and under QEMU's user-mode emulator it is the x86 host's), so there only
 * HotSpot's UseSVE caps the expectation: 128 without SVE, else the asked width is trusted.
 */
@Tag("width")
class VectorWidthTest {

    @Test
    void theKernelsRunAtTheWidthThisExecutionAskedFor() throws IOException {
        int cpu = isAarch64() ? widestOfThisAarch64Cpu() : widestOfThisCpu();
        String asked = System.getProperty("relu4j.test.vectorBits");
        int expected = Math.min(asked == null ? jvmMaximum() : Integer.parseInt(asked), cpu);
        int floatBits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        int doubleBits = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        System.out.printf("vector width: %d-bit float, %d-bit double (asked %s, CPU up to %d; JVM flags %s)%n",
                floatBits, doubleBits, asked == null ? "the default" : asked, cpu,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        assertEquals(expected, floatBits, "float vector width");
        assertEquals(expected, doubleBits, "double vector width");
        assertTrue(Engine.vector().toString().contains(expected + "-bit"), Engine.vector().toString());
    }

    /** MaxVectorSize in bits: 512 by default on AVX-512, lower where HotSpot's ergonomics chose so. */
    private static int jvmMaximum() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return 8 * Integer.parseInt(hotspot.getVMOption("MaxVectorSize").getValue());
    }

    // --- aarch64 ---

    private static boolean isAarch64() {
        return System.getProperty("os.arch").equals("aarch64");
    }

    /** 128 with NEON alone (UseSVE=0); with SVE, its length is not visible here: the most SVE allows. */
    private static int widestOfThisAarch64Cpu() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return Integer.parseInt(hotspot.getVMOption("UseSVE").getValue()) == 0 ? 128 : 2048;
    }

    // --- x86 ---

    /** The widest vectors HotSpot uses on this CPU: 512 with AVX-512F, 256 with AVX2, else 128. */
    private static int widestOfThisCpu() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return 512; // nothing to cap with: the expectation is what was asked
        }
        String flagsLine = Files.readAllLines(cpuinfo).stream()
                .filter(line -> line.startsWith("flags")).findFirst().orElse("");
        Set<String> flags = Set.of(flagsLine.substring(flagsLine.indexOf(':') + 1).trim().split("\\s+"));
        return flags.contains("avx512f") ? 512 : flags.contains("avx2") ? 256 : 128;
    }
}
