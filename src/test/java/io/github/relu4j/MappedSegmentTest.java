package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.relu4j.probe.MappedTruncationProbe;
import java.io.File;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Memory-mapped segments: the same bits as arrays, and a file that shrinks under a mapping fails
 * a call with the JDK's {@link InternalError} once C2 has compiled the path, instead of crashing
 * the JVM (it runs in a child JVM, so a crash fails this test rather than ending the run).
 *
 * <p>{@link #theJdkCrashesOnAShrunkenMappingOnceC2Compiled} keeps the upstream reproducer:
 * C2-compiled {@code FloatVector.fromMemorySegment} on a truncated mapping kills the JVM with
 * SIGBUS (JDK 25). It is why relu4j stages mapped segments; it runs only with
 * {@code -Drelu4j.test.jdkBugs=true}, and fails once the JDK throws instead of crashing.
 */
class MappedSegmentTest {
    private static final String VECTOR = "jdk.incubator.vector";
    private Path dir;

    @BeforeEach
    void directory() throws IOException {
        dir = Files.createTempDirectory("relu4j-mapped");
    }

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void mappedSegmentsAreStagedUnlessAskedOtherwise() {
        assertFalse(Dispatch.MAPPED_DIRECT, "-D" + Dispatch.MAPPED_PROPERTY + " is not set in the tests");
    }

    @Test
    void mappedInputsAndOutputsGiveTheArrayBits() throws IOException {
        int n = 3 * HeapSegments.CHUNK + 17;
        SplittableRandom random = new SplittableRandom(13);
        float[] x = new float[n];
        float[] dy = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat(random.nextInt());
            dy[i] = Float.intBitsToFloat(random.nextInt());
        }
        for (Engine engine : List.of(Engine.preferred(), Engine.vector(), Engine.scalar(),
                ParallelLoopsTest.lowered(3, java.util.concurrent.ForkJoinPool.commonPool()))) {
            for (Activation a : List.of(Activation.relu(), Activation.leakyRelu(0.01), Activation.hardtanh(-1, 2))) {
                float[] y = new float[n];
                float[] dx = new float[n];
                a.on(Engine.scalar()).forward(x, y);
                a.on(Engine.scalar()).backward(x, dy, dx);
                try (Arena arena = Arena.ofShared()) {
                    MemorySegment mx = map(arena, "x", x, FileChannel.MapMode.READ_ONLY);
                    MemorySegment mdy = map(arena, "dy", dy, FileChannel.MapMode.READ_WRITE);
                    MemorySegment my = map(arena, "y", new float[n + 1], FileChannel.MapMode.READ_WRITE);
                    MemorySegment native_ = arena.allocate((long) n * Float.BYTES);
                    a.on(engine).forwardF32(mx, 0, my, 1, n);
                    assertBits(y, my.asSlice(Float.BYTES), engine + " " + a + " forward");
                    a.on(engine).forwardF32(mx, native_);
                    assertBits(y, native_, engine + " " + a + " forward to native");
                    a.on(engine).backwardF32(mx, 0, mdy, 0, my, 1, n);
                    assertBits(dx, my.asSlice(Float.BYTES), engine + " " + a + " backward");
                    a.on(engine).backwardF32(mx, mdy, mdy); // in place over the mapped gradient
                    assertBits(dx, mdy, engine + " " + a + " backward in place");
                }
            }
        }
    }

    /** The staged path, compiled by C2 alone, on a file truncated to half: InternalError, no crash. */
    @Test
    void aShrunkenMappedFileThrowsInternalErrorOnceC2Compiled() throws Exception {
        Child child = run(List.of("--add-modules", VECTOR, "-XX:-TieredCompilation", "-Xbatch"), "relu4j");
        child.assertThrewInternalError();
    }

    @Test
    void aShrunkenMappedFileThrowsInternalErrorOnAParallelEngine() throws Exception {
        Child child = run(List.of("--add-modules", VECTOR, "-XX:-TieredCompilation", "-Xbatch"), "parallel");
        child.assertThrewInternalError();
    }

    /** The JDK's own bug, without relu4j, and with relu4j's opt-in to the raw segment loops. */
    @Test
    @EnabledIfSystemProperty(named = "relu4j.test.jdkBugs", matches = "true")
    void theJdkCrashesOnAShrunkenMappingOnceC2Compiled() throws Exception {
        List<String> flags = List.of("--add-modules", VECTOR, "-XX:-TieredCompilation", "-Xbatch");
        Child jdk = run(flags, "jdk");
        assertTrue(jdk.out.contains("warm="), jdk.out + jdk.err);
        assertNotEquals(0, jdk.exit, "the JDK no longer crashes; relu4j could stop staging mapped segments:\n"
                + jdk.out + jdk.err);
        List<String> direct = new ArrayList<>(flags);
        direct.add("-D" + Dispatch.MAPPED_PROPERTY + "=direct");
        Child optIn = run(direct, "relu4j");
        assertTrue(optIn.out.contains("warm="), optIn.out + optIn.err);
        assertNotEquals(0, optIn.exit, optIn.out + optIn.err);
    }

    // helpers

    private MemorySegment map(Arena arena, String name, float[] values, FileChannel.MapMode mode) throws IOException {
        Path file = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            MemorySegment w = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) values.length * Float.BYTES, arena);
            MemorySegment.copy(values, 0, w, ValueLayout.JAVA_FLOAT, 0, values.length);
            MemorySegment m = mode == FileChannel.MapMode.READ_WRITE ? w
                    : ch.map(mode, 0, (long) values.length * Float.BYTES, arena);
            assertTrue(m.isMapped());
            return m;
        }
    }

    private static void assertBits(float[] expected, MemorySegment actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            int got = Float.floatToRawIntBits(actual.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            if (got != Float.floatToRawIntBits(expected[i])) {
                assertEquals(Integer.toHexString(Float.floatToRawIntBits(expected[i])), Integer.toHexString(got),
                        what + ", element " + i);
            }
        }
    }

    private record Child(int exit, String out, String err) {
        void assertThrewInternalError() {
            String context = "exit " + exit + "\n" + out + err;
            assertEquals(0, exit, "the JVM died: " + context);
            assertTrue(out.contains("warm="), context);
            assertTrue(out.contains("thrown=java.lang.InternalError"), context);
        }
    }

    private Child run(List<String> jvmArgs, String mode) throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-cp");
        command.add(location(Engine.class) + File.pathSeparator + location(MappedTruncationProbe.class));
        command.add(MappedTruncationProbe.class.getName());
        command.add(dir.resolve("mapped.bin").toString());
        command.add(mode);
        Path err = dir.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child timed out: " + command);
        return new Child(process.exitValue(), out, Files.readString(err));
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
