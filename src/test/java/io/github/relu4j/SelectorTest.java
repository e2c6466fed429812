package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.relu4j.Selector.Choice;
import io.github.relu4j.Selector.Jvm;
import io.github.relu4j.Selector.Kind;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The dispatch decision, for JVMs other than the one running the tests. */
class SelectorTest {
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
        return new Jvm(property, module, HOTSPOT, vmInfo, () -> flags, bits, null, null, 8);
    }

    /** A JVM that would choose the vector kernels, with these parallel settings. */
    private static Jvm threads(String parallelism, String threshold, int processors) {
        return new Jvm(null, true, HOTSPOT, MIXED, () -> C2_FLAGS, BITS_512, parallelism, threshold, processors);
    }

    @Test
    void c2AndAWideVectorChooseTheVectorKernelsAndSayTheWidth() {
        Choice choice = Selector.decide(jvm(null, true, MIXED, C2_FLAGS, BITS_512));
        assertTrue(choice.vector());
        assertEquals(Level.INFO, choice.level());
        assertTrue(choice.message().contains("512-bit"), choice.message());
    }

    @Test
    void withoutTheModuleFallBackAndSayHowToEnableIt() {
        Choice choice = Selector.decide(jvm(null, false, MIXED, C2_FLAGS, MUST_NOT_ASK));
        assertFallback(choice, "--add-modules jdk.incubator.vector");
    }

    @Test
    void withoutTheVectorKernelsThePortableOnesUnlessC2IsOff() {
        record Case(Jvm jvm, Kind kind, String says) {}
        for (Case c : List.of(
                new Case(jvm(null, false, MIXED, C2_FLAGS, MUST_NOT_ASK), Kind.PORTABLE, "relu4j: portable kernels, because"),
                new Case(jvm("true", false, MIXED, C2_FLAGS, MUST_NOT_ASK), Kind.PORTABLE, "relu4j: portable kernels, because"),
                new Case(jvm("false", true, MIXED, C2_FLAGS, MUST_NOT_ASK), Kind.PORTABLE, "relu4j: portable kernels, as"),
                new Case(jvm(null, true, MIXED, Map.of("EnableVectorSupport", "false"), MUST_NOT_ASK), Kind.PORTABLE,
                        "relu4j: portable kernels, because"),
                new Case(jvm(null, true, MIXED, C2_FLAGS, () -> 64), Kind.PORTABLE, "relu4j: portable kernels, because"),
                new Case(jvm(null, false, "interpreted mode", Map.of(), MUST_NOT_ASK), Kind.REFERENCE,
                        "relu4j: scalar kernels, because"),
                new Case(jvm("false", true, "interpreted mode", Map.of(), MUST_NOT_ASK), Kind.REFERENCE,
                        "relu4j: scalar kernels, as"),
                new Case(jvm(null, true, "emulated-client", Map.of(), MUST_NOT_ASK), Kind.REFERENCE,
                        "relu4j: scalar kernels, because"),
                new Case(jvm(null, false, MIXED, Map.of("UseCompiler", "false"), MUST_NOT_ASK), Kind.REFERENCE,
                        "relu4j: scalar kernels, because"))) {
            Choice choice = Selector.decide(c.jvm());
            assertEquals(c.kind(), choice.kind(), choice.message());
            assertTrue(choice.message().startsWith(c.says()), choice.message());
            assertSame(c.kind().loops(), ParallelLoops.serial(Selector.select(c.jvm(), new RecordingLogger())));
        }
    }

    @Test
    void interpreterOnlyFallsBack() {
        assertFallback(Selector.decide(jvm(null, true, "interpreted mode, sharing", Map.of(), BITS_512)), "-Xint");
    }

    @Test
    void c1OnlyFallsBack() {
        assertFallback(Selector.decide(jvm(null, true, "mixed mode, emulated-client, sharing", Map.of(), BITS_512)),
                "TieredStopAtLevel=1");
    }

    @Test
    void tieredStopBelowFourSeenInTheFlagsFallsBack() {
        Map<String, String> flags = Map.of("UseCompiler", "true", "TieredCompilation", "true", "TieredStopAtLevel", "3");
        assertFallback(Selector.decide(jvm(null, true, MIXED, flags, BITS_512)), "TieredStopAtLevel=3");
    }

    @Test
    void tieredStopIsIrrelevantWithoutTiers() {
        Map<String, String> flags = Map.of("UseCompiler", "true", "TieredCompilation", "false", "TieredStopAtLevel", "1");
        assertTrue(Selector.decide(jvm(null, true, MIXED, flags, BITS_512)).vector());
    }

    @Test
    void noJitFallsBack() {
        assertFallback(Selector.decide(jvm(null, true, MIXED, Map.of("UseCompiler", "false"), BITS_512)),
                "UseCompiler");
    }

    @Test
    void unknownFlagsLeaveTheDecisionToVmInfo() {
        assertTrue(Selector.decide(jvm(null, true, MIXED, Map.of(), BITS_512)).vector());
    }

    @Test
    void narrowVectorsFallBack() {
        assertFallback(Selector.decide(jvm(null, true, MIXED, C2_FLAGS, () -> 64)), "64 bits");
    }

    @Test
    void aJvmOtherThanHotSpotFallsBack() {
        Choice choice = Selector.decide(new Jvm(null, true, "Eclipse OpenJ9 VM", MIXED, Map::of, BITS_512, null, null, 8));
        assertFallback(choice, "not HotSpot");
    }

    @Test
    void propertyFalseForcesScalarQuietly() {
        Choice choice = Selector.decide(jvm("false", true, MIXED, C2_FLAGS, BITS_512));
        assertFalse(choice.vector());
        assertEquals(Level.INFO, choice.level());
    }

    @Test
    void propertyTrueOverridesEveryHeuristic() {
        assertTrue(Selector.decide(jvm("true", true, "interpreted mode", Map.of(), () -> 64)).vector());
        assertTrue(Selector.decide(new Jvm(" TRUE ", true, "Eclipse OpenJ9 VM", MIXED, Map::of, BITS_512, null, null, 8)).vector());
    }

    @Test
    void propertyTrueCannotConjureAMissingModule() {
        assertFallback(Selector.decide(jvm("true", false, MIXED, C2_FLAGS, MUST_NOT_ASK)), "=true cannot apply");
    }

    @Test
    void anInvalidPropertyIsNamedAndIgnored() {
        Choice choice = Selector.decide(jvm("yes", true, MIXED, C2_FLAGS, BITS_512));
        assertTrue(choice.vector());
        assertTrue(choice.message().contains("ignored -Drelu4j.vector=yes"), choice.message());
    }

    @Test
    void selectLogsExactlyOneLine() {
        RecordingLogger log = new RecordingLogger();
        Loops chosen = Selector.select(jvm(null, false, MIXED, C2_FLAGS, MUST_NOT_ASK), log);
        assertSame(PortableLoops.INSTANCE, ParallelLoops.serial(chosen));
        assertEquals(1, log.records.size(), log.records.toString());
        assertTrue(log.records.getFirst().startsWith("WARNING"), log.records.toString());
        assertTrue(log.records.getFirst().contains("on up to 8 threads"), log.records.toString());
    }

    @Test
    void tieredStopAtZeroIsNamedAsSuch() {
        // What -XX:TieredStopAtLevel=0 leaves in the flags: the JIT off through UseCompiler.
        Map<String, String> flags = Map.of("UseCompiler", "false", "TieredCompilation", "false", "TieredStopAtLevel", "0");
        Choice choice = Selector.decide(jvm(null, true, MIXED, flags, BITS_512));
        assertFallback(choice, "-XX:TieredStopAtLevel=0");
        assertFalse(choice.message().contains("UseCompiler"), choice.message());
    }

    @Test
    void vectorIntrinsicsOffFallBackAndSaySo() {
        assertIntrinsicsOff("EnableVectorSupport", "false", "-XX:-EnableVectorSupport");
        assertIntrinsicsOff("EnableVectorReboxing", "false", "-XX:-EnableVectorReboxing");
        assertIntrinsicsOff("InlineNatives", "false", "-XX:-InlineNatives");
        assertIntrinsicsOff("DisableIntrinsic", "_VectorLoadOp", "-XX:DisableIntrinsic=_VectorLoadOp");
        assertIntrinsicsOff("ControlIntrinsic", "+_dsin,-_VectorStoreOp", "-XX:ControlIntrinsic=+_dsin,-_VectorStoreOp");
    }

    @Test
    void unrelatedIntrinsicFlagsKeepTheVectors() {
        for (Map<String, String> extra : List.of(Map.of("EnableVectorSupport", "true", "EnableVectorReboxing", "true",
                        "InlineNatives", "true", "DisableIntrinsic", "", "ControlIntrinsic", ""),
                Map.of("DisableIntrinsic", "_dsin"), Map.of("ControlIntrinsic", "+_VectorLoadOp"))) {
            Map<String, String> flags = new HashMap<>(C2_FLAGS);
            flags.putAll(extra);
            assertTrue(Selector.decide(jvm(null, true, MIXED, flags, BITS_512)).vector(), extra.toString());
        }
    }

    @Test
    void propertyTrueOverridesIntrinsicsOff() {
        Map<String, String> flags = new HashMap<>(C2_FLAGS);
        flags.put("EnableVectorSupport", "false");
        assertTrue(Selector.decide(jvm("true", true, MIXED, flags, BITS_512)).vector());
    }

    private static void assertIntrinsicsOff(String flag, String value, String named) {
        Map<String, String> flags = new HashMap<>(C2_FLAGS);
        flags.put(flag, value);
        Choice choice = Selector.decide(jvm(null, true, MIXED, flags, BITS_512));
        assertFallback(choice, named);
        assertTrue(choice.message().contains("Vector API"), choice.message());
    }

    // Nothing optional can fail the choice: it runs in a class initialiser.

    @Test
    void aThrowingLoggerDoesNotFailTheChoice() {
        for (RuntimeException thrown : List.of(new IllegalStateException("handler"), new UnsupportedOperationException())) {
            Loops chosen = Selector.select(jvm(null, true, MIXED, C2_FLAGS, BITS_512), new ThrowingLogger(thrown));
            assertSame(VectorLoops.INSTANCE, ParallelLoops.serial(chosen));
        }
        Loops chosen = Selector.select(jvm(null, false, MIXED, C2_FLAGS, MUST_NOT_ASK),
                new ThrowingLogger(new AssertionError("an Error from a handler")));
        assertSame(PortableLoops.INSTANCE, ParallelLoops.serial(chosen));
    }

    @Test
    void aThrowingFlagsProbeLeavesTheDecisionToVmInfo() {
        Jvm throwing = new Jvm(null, true, HOTSPOT, MIXED, () -> {
            throw new SecurityException("no management");
        }, BITS_512, null, null, 8);
        assertTrue(Selector.decide(throwing).vector());
        Jvm erroring = new Jvm(null, true, HOTSPOT, "interpreted mode", () -> {
            throw new NoClassDefFoundError("com/sun/management/HotSpotDiagnosticMXBean");
        }, BITS_512, null, null, 8);
        assertFallback(Selector.decide(erroring), "-Xint");
    }

    @Test
    void aThrowingWidthProbeFallsBack() {
        IntSupplier failing = () -> {
            throw new ExceptionInInitializerError("species");
        };
        assertFallback(Selector.decide(jvm(null, true, MIXED, C2_FLAGS, failing)), "vector width could not be read");
        Choice forced = Selector.decide(jvm("true", true, MIXED, C2_FLAGS, failing));
        assertTrue(forced.vector(), forced.message());
        assertTrue(forced.message().contains("unknown width"), forced.message());
    }

    // Parallelism: relu4j.parallelism and relu4j.parallel.threshold.

    @Test
    void byDefaultEveryProcessorFromTheThreshold() {
        Choice choice = Selector.decide(threads(null, null, 6));
        assertEquals(6, choice.parallelism());
        assertEquals(ParallelLoops.THRESHOLD, choice.threshold());
        assertTrue(choice.message().endsWith("; on up to 6 threads from " + ParallelLoops.THRESHOLD + " elements"),
                choice.message());
    }

    @Test
    void oneProcessorIsSingleThreaded() {
        Choice choice = Selector.decide(threads(null, null, 1));
        assertEquals(1, choice.parallelism());
        assertTrue(choice.message().endsWith("; single-threaded (1 processor)"), choice.message());
    }

    @Test
    void parallelismOneKeepsEveryCallOnTheCaller() {
        Choice choice = Selector.decide(threads("1", null, 16));
        assertEquals(1, choice.parallelism());
        assertEquals(Level.INFO, choice.level());
        assertTrue(choice.message().endsWith("; single-threaded (-Drelu4j.parallelism=1)"), choice.message());
        assertSame(VectorLoops.INSTANCE, Selector.select(threads("1", null, 16), new RecordingLogger()));
    }

    @Test
    void anyPositiveParallelismIsTaken() {
        Choice four = Selector.decide(threads("4", null, 2));
        assertEquals(4, four.parallelism());
        assertTrue(four.message().contains("on up to 4 threads (-Drelu4j.parallelism=4)"), four.message());
        assertEquals(64, Selector.decide(threads(" 64 ", null, 2)).parallelism());
    }

    @Test
    void invalidParallelismIsNamedAndIgnored() {
        for (String bad : new String[] {"0", "-3", "four", "", "2.5", "99999999999"}) {
            Choice choice = Selector.decide(threads(bad, null, 3));
            assertEquals(3, choice.parallelism(), bad);
            assertEquals(Level.INFO, choice.level(), bad);
            assertTrue(choice.message().contains("on up to 3 threads from"), choice.message());
            assertTrue(choice.message().contains("(ignored -Drelu4j.parallelism=" + bad + ": expected a positive integer)"),
                    choice.message());
        }
    }

    @Test
    void thresholdProperty() {
        Choice set = Selector.decide(threads(null, "5000", 4));
        assertEquals(5000, set.threshold());
        assertTrue(set.message().contains("from 5000 elements (-Drelu4j.parallel.threshold=5000)"), set.message());
        Choice bad = Selector.decide(threads(null, "0", 4));
        assertEquals(ParallelLoops.THRESHOLD, bad.threshold());
        assertTrue(bad.message().contains("ignored -Drelu4j.parallel.threshold=0"), bad.message());
        ParallelLoops chosen = (ParallelLoops) Selector.select(threads("3", "5000", 4),
                new RecordingLogger());
        assertEquals(3, chosen.parallelism());
        assertEquals(5000, chosen.threshold());
        assertEquals(2048, chosen.minChunk());
        assertSame(VectorLoops.INSTANCE, ParallelLoops.serial(chosen));
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

    /** A System.Logger whose every call throws, as a failing handler makes it. */
    private record ThrowingLogger(Throwable thrown) implements System.Logger {
        @Override
        public String getName() {
            return "throwing";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable t) {
            throw sneaky();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            throw sneaky();
        }

        private RuntimeException sneaky() {
            if (thrown instanceof Error e) {
                throw e;
            }
            return (RuntimeException) thrown;
        }
    }
}
