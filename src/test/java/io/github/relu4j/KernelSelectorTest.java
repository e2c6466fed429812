package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.relu4j.KernelSelector.Choice;
import io.github.relu4j.KernelSelector.Jvm;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The dispatch decision, for JVMs other than the one running the tests. */
class KernelSelectorTest {
    private static final String HOTSPOT = "OpenJDK 64-Bit Server VM";
    private static final String MIXED = "mixed mode, sharing";
    private static final Map<String, String> C2_FLAGS =
            Map.of("UseCompiler", "true", "TieredCompilation", "true", "TieredStopAtLevel", "4");
    private static final IntSupplier BITS_512 = () -> 512;
    /** Reading the vector width loads the Vector API; it must not happen when the module is missing. */
    private static final IntSupplier MUST_NOT_ASK = () -> {
        throw new AssertionError("vector width read without the module");
    };

    private static Jvm jvm(String property, boolean module, String vmInfo, Map<String, String> flags, IntSupplier bits) {
        return new Jvm(property, module, HOTSPOT, vmInfo, () -> flags, bits);
    }

    @Test
    void c2AndAWideVectorChooseTheVectorKernelsAndSayTheWidth() {
        Choice choice = KernelSelector.decide(jvm(null, true, MIXED, C2_FLAGS, BITS_512));
        assertTrue(choice.vector());
        assertEquals(Level.INFO, choice.level());
        assertTrue(choice.message().contains("512-bit"), choice.message());
    }

    @Test
    void withoutTheModuleFallBackAndSayHowToEnableIt() {
        Choice choice = KernelSelector.decide(jvm(null, false, MIXED, C2_FLAGS, MUST_NOT_ASK));
        assertFallback(choice, "--add-modules jdk.incubator.vector");
    }

    @Test
    void interpreterOnlyFallsBack() {
        assertFallback(KernelSelector.decide(jvm(null, true, "interpreted mode, sharing", Map.of(), BITS_512)), "-Xint");
    }

    @Test
    void c1OnlyFallsBack() {
        assertFallback(KernelSelector.decide(jvm(null, true, "mixed mode, emulated-client, sharing", Map.of(), BITS_512)),
                "TieredStopAtLevel=1");
    }

    @Test
    void tieredStopBelowFourSeenInTheFlagsFallsBack() {
        Map<String, String> flags = Map.of("UseCompiler", "true", "TieredCompilation", "true", "TieredStopAtLevel", "3");
        assertFallback(KernelSelector.decide(jvm(null, true, MIXED, flags, BITS_512)), "TieredStopAtLevel=3");
    }

    @Test
    void tieredStopIsIrrelevantWithoutTiers() {
        Map<String, String> flags = Map.of("UseCompiler", "true", "TieredCompilation", "false", "TieredStopAtLevel", "1");
        assertTrue(KernelSelector.decide(jvm(null, true, MIXED, flags, BITS_512)).vector());
    }

    @Test
    void noJitFallsBack() {
        assertFallback(KernelSelector.decide(jvm(null, true, MIXED, Map.of("UseCompiler", "false"), BITS_512)),
                "UseCompiler");
    }

    @Test
    void unknownFlagsLeaveTheDecisionToVmInfo() {
        assertTrue(KernelSelector.decide(jvm(null, true, MIXED, Map.of(), BITS_512)).vector());
    }

    @Test
    void narrowVectorsFallBack() {
        assertFallback(KernelSelector.decide(jvm(null, true, MIXED, C2_FLAGS, () -> 64)), "64 bits");
    }

    @Test
    void aJvmOtherThanHotSpotFallsBack() {
        Choice choice = KernelSelector.decide(new Jvm(null, true, "Eclipse OpenJ9 VM", MIXED, Map::of, BITS_512));
        assertFallback(choice, "not HotSpot");
    }

    @Test
    void propertyFalseForcesScalarQuietly() {
        Choice choice = KernelSelector.decide(jvm("false", true, MIXED, C2_FLAGS, BITS_512));
        assertFalse(choice.vector());
        assertEquals(Level.INFO, choice.level());
    }

    @Test
    void propertyTrueOverridesEveryHeuristic() {
        assertTrue(KernelSelector.decide(jvm("true", true, "interpreted mode", Map.of(), () -> 64)).vector());
        assertTrue(KernelSelector.decide(new Jvm(" TRUE ", true, "Eclipse OpenJ9 VM", MIXED, Map::of, BITS_512)).vector());
    }

    @Test
    void propertyTrueCannotConjureAMissingModule() {
        assertFallback(KernelSelector.decide(jvm("true", false, MIXED, C2_FLAGS, MUST_NOT_ASK)), "=true cannot apply");
    }

    @Test
    void anInvalidPropertyIsNamedAndIgnored() {
        Choice choice = KernelSelector.decide(jvm("yes", true, MIXED, C2_FLAGS, BITS_512));
        assertTrue(choice.vector());
        assertTrue(choice.message().contains("ignored -Drelu4j.vector=yes"), choice.message());
    }

    @Test
    void selectLogsExactlyOneLine() {
        RecordingLogger log = new RecordingLogger();
        assertSame(ScalarReluKernels.INSTANCE,
                KernelSelector.select(jvm(null, false, MIXED, C2_FLAGS, MUST_NOT_ASK), log));
        assertEquals(1, log.records.size(), log.records.toString());
        assertTrue(log.records.getFirst().startsWith("WARNING"), log.records.toString());
    }

    private static void assertFallback(Choice choice, String why) {
        assertFalse(choice.vector(), choice.message());
        assertEquals(Level.WARNING, choice.level(), choice.message());
        assertTrue(choice.message().contains(why), "'" + choice.message() + "' should mention '" + why + "'");
    }

    /** A System.Logger that keeps what it is told. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(level + " " + format);
        }
    }
}
