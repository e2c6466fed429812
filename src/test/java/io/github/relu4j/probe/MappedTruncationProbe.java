package io.github.relu4j.probe;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Main class of the JVMs that {@code MappedSegmentTest} starts: maps a file, runs a kernel on it
 * until C2 has compiled the path, truncates the file to half, and calls again. Prints what the
 * last call threw; a crash of the JVM shows as its exit code.
 *
 * <p>Arguments: the file, and {@code relu4j} (the library's preferred engine), {@code parallel}
 * (the vector engine on two threads) or {@code jdk} (the JDK's Vector API alone, no relu4j).
 */
public final class MappedTruncationProbe {
    private static final long BYTES = 4L << 20;

    private MappedTruncationProbe() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String mode = args[1];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.allocate((int) BYTES), 0);
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, BYTES, arena);
            MemorySegment out = arena.allocate(BYTES, 64);
            Runnable call = switch (mode) {
                case "relu4j" -> () -> Activation.relu().forwardF32(mapped, out);
                case "parallel" -> {
                    Activation relu = Activation.relu().on(Engine.parallel(Engine.vector(), 2));
                    yield () -> relu.forwardF32(mapped, out);
                }
                case "jdk" -> () -> JdkVectors.relu(mapped, out);
                default -> throw new IllegalArgumentException(mode);
            };
            for (int i = 0; i < 300; i++) {
                call.run();
            }
            System.out.println("warm=" + out.get(ValueLayout.JAVA_FLOAT, 0));
            ch.truncate(BYTES / 2);
            try {
                call.run();
                System.out.println("thrown=none");
            } catch (Throwable t) {
                System.out.println("thrown=" + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
