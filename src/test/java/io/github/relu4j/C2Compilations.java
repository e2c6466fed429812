package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a JFR recording of {@code jdk.Compilation} and {@code jdk.CompilerInlining} says C2
 * compiled: the methods a successful level-4 compilation compiled, or inlined into what it
 * compiled. For the tests that prove their kernels ran as C2's code ({@link C2AgreementTest},
 * {@link PreluC2Test}).
 */
final class C2Compilations {
    private C2Compilations() {}

    /** A method as JFR names it: its class (dotted), name and descriptor. */
    record Method(String type, String name, String descriptor) {}

    /**
     * The methods C2 compiled or inlined while {@code work} ran, in a JVM of a {@code c2} surefire
     * execution ({@code -XX:-TieredCompilation -Xbatch}: compiled before the triggering call returns).
     */
    static Set<Method> compiledDuring(Runnable work) throws IOException {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(args.contains("-XX:-TieredCompilation") && args.contains("-Xbatch"),
                "run by the surefire execution 'c2', with -XX:-TieredCompilation -Xbatch; was " + args);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.enable("jdk.CompilerInlining");
            recording.start();
            work.run();
            recording.stop();
            return compiled(dump(recording));
        }
    }

    /** The methods C2 compiled or inlined, in the recording dumped to {@code dump}. */
    static Set<Method> compiled(Path dump) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(dump);
        Set<Long> c2 = new HashSet<>();
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals("jdk.Compilation") && event.getBoolean("succeded")
                    && event.getShort("compileLevel") == 4) {
                c2.add(event.getLong("compileId"));
            }
        }
        Set<Method> compiled = new HashSet<>();
        for (RecordedEvent event : events) {
            if (!c2.contains(event.getLong("compileId"))) {
                continue;
            }
            if (event.getEventType().getName().equals("jdk.Compilation")) {
                RecordedMethod m = event.getValue("method");
                compiled.add(new Method(m.getType().getName(), m.getName(), m.getDescriptor()));
            } else if (event.getBoolean("succeeded")) { // jdk.CompilerInlining
                RecordedObject callee = event.getValue("callee");
                compiled.add(new Method(callee.getString("type").replace('/', '.'), callee.getString("name"),
                        callee.getString("descriptor")));
            }
        }
        return compiled;
    }

    /** The deoptimizations in a recording of {@code jdk.Deoptimization}, of methods of {@code type}, as text. */
    static List<String> deoptimized(Path dump, String type, Set<String> names) throws IOException {
        List<String> found = new java.util.ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
            RecordedMethod m = event.getValue("method");
            if (m != null && m.getType().getName().equals(type) && (names == null || names.contains(m.getName()))) {
                found.add(type + "." + m.getName() + m.getDescriptor() + " " + event.getString("reason") + " at bci "
                        + event.getInt("bci"));
            }
        }
        return found;
    }

    /** The recording, dumped to a temporary file deleted when the JVM exits. */
    static Path dump(Recording recording) throws IOException {
        Path file = Files.createTempFile("relu4j-c2", ".jfr");
        file.toFile().deleteOnExit();
        recording.dump(file);
        return file;
    }
}
