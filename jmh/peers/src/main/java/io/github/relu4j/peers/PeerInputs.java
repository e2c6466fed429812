package io.github.relu4j.peers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/** Inputs shared by every peer benchmark: uniform in [-1, 1), half negative, in random order. */
final class PeerInputs {
    /** The slope of every Leaky ReLU benchmark, as in the main suite. */
    static final float ALPHA = 0.01f;
    /** PReLU's channels: the tensor is [1, 64, size / 64], NCHW with H * W = size / 64, a slope per channel. */
    static final int CHANNELS = 64;

    private PeerInputs() {}

    static float[] floats(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** PReLU's slopes: {@link #CHANNELS} of them in [0, 0.5), about PyTorch's initial 0.25. */
    static float[] slopes() {
        SplittableRandom random = new SplittableRandom(3);
        float[] w = new float[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            w[c] = (float) (random.nextDouble() * 0.5);
        }
        return w;
    }

    /**
     * PReLU's H * W at {@code size}: {@code size / CHANNELS}, or 0 when {@code size} is not a
     * multiple of {@link #CHANNELS} (the cache-derived sizes are multiples of 1 Ki).
     */
    static int spatial(int size) {
        return size % CHANNELS == 0 ? size / CHANNELS : 0;
    }

    /** The PReLU benchmarks at a size they cannot take. */
    static IllegalStateException noPrelu(int size) {
        return new IllegalStateException("PReLU needs a size that is a multiple of " + CHANNELS + ", not " + size);
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
