package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.relu4j.probe.DispatchProbe;
import io.github.relu4j.probe.ThrowingThreadFactory;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real dispatch, in fresh JVMs started with the flags users start theirs with, on the class
 * path and on the module path: which kernels {@code preferred()} picks, on how many threads, and
 * the one line it logs.
 */
class DispatchProcessTest {
    private static final String VECTOR = "jdk.incubator.vector";

    @Test
    void classPathWithoutTheModuleFallsBackWithOneWarning() throws Exception {
        Probe p = classPath();
        p.assertChose("portable", "WARNING", "--add-modules jdk.incubator.vector");
        assertTrue(p.value("vector").startsWith("unsupported"), p.out);
        assertEquals("null", p.value("module"), "the unnamed module has no name");
    }

    @Test
    void classPathWithTheModuleUsesVectors() throws Exception {
        Probe p = classPath("--add-modules", VECTOR);
        p.assertChose("vector", "INFO", "-bit vectors");
    }

    @Test
    void interpreterOnlyFallsBack() throws Exception {
        classPath("--add-modules", VECTOR, "-Xint").assertChose("scalar", "WARNING", "-Xint");
    }

    @Test
    void c1OnlyFallsBack() throws Exception {
        classPath("--add-modules", VECTOR, "-XX:TieredStopAtLevel=1").assertChose("scalar", "WARNING", "TieredStopAtLevel");
    }

    @Test
    void tieredStopAtThreeIsSeenThroughTheFlags() throws Exception {
        classPath("--add-modules", VECTOR, "-XX:TieredStopAtLevel=3")
                .assertChose("scalar", "WARNING", "TieredStopAtLevel=3");
    }

    @Test
    void tieredStopAtZeroIsNamedAsSuch() throws Exception {
        Probe p = classPath("--add-modules", VECTOR, "-XX:TieredStopAtLevel=0");
        p.assertChose("scalar", "WARNING", "-XX:TieredStopAtLevel=0");
        assertTrue(!p.logLines().getFirst().contains("UseCompiler"), p.err);
    }

    @Test
    void vectorIntrinsicsOffFallsBack() throws Exception {
        classPath("--add-modules", VECTOR, "-XX:+UnlockExperimentalVMOptions", "-XX:-EnableVectorSupport")
                .assertChose("portable", "WARNING", "-XX:-EnableVectorSupport");
    }

    @Test
    void propertyFalseForcesThePortableKernels() throws Exception {
        classPath("--add-modules", VECTOR, "-Drelu4j.vector=false").assertChose("portable", "INFO", "relu4j.vector=false");
    }

    @Test
    void propertyTrueForcesVectorsWithoutC2() throws Exception {
        classPath("--add-modules", VECTOR, "-XX:TieredStopAtLevel=1", "-Drelu4j.vector=true")
                .assertChose("vector", "INFO", "relu4j.vector=true");
    }

    @Test
    void parallelismOneIsSingleThreaded() throws Exception {
        Probe p = classPath("--add-modules", VECTOR, "-Drelu4j.parallelism=1");
        p.assertChose("vector", 1, "INFO", "single-threaded (-Drelu4j.parallelism=1)");
    }

    @Test
    void parallelismSetOnTheModulePath() throws Exception {
        Probe p = modulePath("--add-modules", VECTOR, "-Drelu4j.parallelism=3");
        p.assertChose("vector", 3, "INFO", "on up to 3 threads (-Drelu4j.parallelism=3) from 1048576 elements");
    }

    @Test
    void invalidParallelismIsIgnoredAndSaidSo() throws Exception {
        Probe p = classPath("--add-modules", VECTOR, "-Drelu4j.parallelism=many");
        p.assertChose("vector", "INFO", "ignored -Drelu4j.parallelism=many");
    }

    @Test
    void modulePathWithoutTheVectorModuleStillLoadsAndFallsBack() throws Exception {
        Probe p = modulePath();
        p.assertChose("portable", "WARNING", "--add-modules jdk.incubator.vector");
        assertEquals("io.github.relu4j", p.value("module"));
    }

    @Test
    void modulePathWithTheVectorModuleUsesVectors() throws Exception {
        Probe p = modulePath("--add-modules", VECTOR);
        p.assertChose("vector", "INFO", "-bit vectors");
        assertEquals("io.github.relu4j", p.value("module"));
    }

    @Test
    void modulePathWithoutC2FallsBack() throws Exception {
        modulePath("--add-modules", VECTOR, "-XX:TieredStopAtLevel=1").assertChose("scalar", "WARNING", "TieredStopAtLevel");
    }

    /**
     * A common pool that cannot start a thread (its factory throws, as under a thread limit):
     * split calls of the preferred engine are done by the caller, and nothing is thrown.
     */
    @Test
    void aCommonPoolThatCannotStartThreadsLeavesTheWorkToTheCaller() throws Exception {
        Probe p = classPath("--add-modules", VECTOR, "-Drelu4j.parallelism=2", "-Drelu4j.parallel.threshold=4096",
                "-Djava.util.concurrent.ForkJoinPool.common.threadFactory=" + ThrowingThreadFactory.class.getName());
        p.assertChose("vector", 2, "INFO", "on up to 2 threads");
        assertEquals("80000000,0,2.0", p.value("again"), p.out + p.err);
    }

    /**
     * A java.util.logging handler that fails on every record, as a broken appender does: the
     * choice is still made, nothing is poisoned, and every later call works. The handler is
     * compiled here because the tests, compiled inside the module, do not read java.logging.
     */
    @Test
    void aThrowingLogHandlerDoesNotBreakTheLibrary() throws Exception {
        Path dir = Files.createTempDirectory("relu4j-handler");
        try {
            Path source = dir.resolve("ThrowingHandler.java");
            Files.writeString(source, """
                    public final class ThrowingHandler extends java.util.logging.Handler {
                        @Override public void publish(java.util.logging.LogRecord record) {
                            System.out.println("handler-threw-on=" + record.getMessage());
                            throw new IllegalStateException("handler failure");
                        }
                        @Override public void flush() {}
                        @Override public void close() {}
                    }
                    """);
            ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
            assertEquals(0, javac.run(System.out, System.err, "-d", dir.toString(), source.toString()));
            Path config = dir.resolve("logging.properties");
            Files.writeString(config, "handlers=ThrowingHandler\n.level=ALL\n");
            Probe p = run(List.of("--add-modules", VECTOR, "-Djava.util.logging.config.file=" + config),
                    List.of("-cp", location(Engine.class) + File.pathSeparator + location(DispatchProbe.class)
                            + File.pathSeparator + dir));
            String context = p.out + p.err;
            assertTrue(p.value("handler-threw-on").startsWith("relu4j: vector kernels"), context);
            assertTrue(p.value("preferred").startsWith("vector"), context);
            assertEquals("80000000,0,2.0", p.value("relu"), context);
            assertEquals("true", p.value("large"), context);
            assertEquals("80000000,0,2.0", p.value("again"), context);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    // running the probe

    private static Probe classPath(String... jvmArgs) throws Exception {
        return run(List.of(jvmArgs), List.of("-cp", location(Engine.class) + File.pathSeparator
                + location(DispatchProbe.class)));
    }

    private static Probe modulePath(String... jvmArgs) throws Exception {
        return run(List.of(jvmArgs), List.of("-p", location(Engine.class).toString(),
                "--add-modules", "io.github.relu4j", "-cp", location(DispatchProbe.class).toString()));
    }

    private static Probe run(List<String> jvmArgs, List<String> paths) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Djava.util.logging.SimpleFormatter.format=LOG %4$s %5$s%n");
        command.addAll(paths);
        command.add(DispatchProbe.class.getName());
        Path err = Files.createTempFile("relu4j-probe", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe timed out: " + command);
            String errText = Files.readString(err);
            assertEquals(0, process.exitValue(), command + "\n" + out + errText);
            return new Probe(command, out, errText);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private record Probe(List<String> command, String out, String err) {
        String value(String key) {
            return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in\n" + out + err));
        }

        List<String> logLines() {
            return err.lines().filter(l -> l.startsWith("LOG ")).toList();
        }

        /** By default, on every processor. */
        void assertChose(String kernels, String level, String saying) {
            assertChose(kernels, Integer.parseInt(value("processors")), level, saying);
        }

        void assertChose(String kernels, int parallelism, String level, String saying) {
            String context = String.join(" ", command) + "\n" + out + err;
            assertEquals(parallelism == 1 ? kernels : kernels + " x" + parallelism, value("preferred"), context);
            assertEquals("80000000,0,2.0", value("relu"), context);
            assertEquals("true", value("large"), context);
            List<String> log = logLines();
            assertEquals(1, log.size(), "exactly one log line: " + context);
            assertTrue(log.getFirst().startsWith("LOG " + level + " relu4j: "), context);
            assertTrue(log.getFirst().contains(saying), "the line should say '" + saying + "': " + context);
        }
    }
}
