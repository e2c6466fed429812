package io.github.relu4j.peers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/** Inputs shared by every peer benchmark: uniform in [-1, 1), half negative, in random order. */
final class PeerInputs {
    /** The slope of every Leaky ReLU benchmark, as in the main suite. */
    static final float ALPHA = 0.01f;

    private PeerInputs() {}

    static float[] floats(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** A 64-byte aligned native copy, in an arena any thread may use. */
    static MemorySegment nativeCopy(float[] values, Arena arena) {
        MemorySegment segment = arena.allocate((long) values.length * Float.BYTES, 64);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_FLOAT, 0, values.length);
        return segment;
    }

    /** The number of threads a peer gets: {@code "1"}, or {@code "all"} for every logical CPU. */
    static int threads(String param) {
        return switch (param) {
            case "1" -> 1;
            case "all" -> Runtime.getRuntime().availableProcessors();
            default -> throw new IllegalArgumentException("threads: 1 or all, not " + param);
        };
    }
}
