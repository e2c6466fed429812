package io.github.relu4j.bench;

import io.github.relu4j.Engine;
import io.github.relu4j.Prelu;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A kernel that tiered compilation leaves in C1's code for good (docs/PERFORMANCE.md, "Kernels
 * stuck in C1"). PReLU channels-first forward on native segments on {@code Engine.vector()},
 * 64 Ki floats a call: without an argument, from the first call; with {@code short}, after
 * 200,000 calls of 3 to 111 elements. Those short calls make the kernel hot while C2 is busy
 * with the Vector API's own methods, so the tiered policy compiles it at tier 2 (C1, limited
 * profile); its tier-3 compile then bails out ("out of virtual registers in linear scan"), and
 * the policy leaves it at tier 2, where every vector operation is a call and an allocation.
 * Run: {@code java --add-modules jdk.incubator.vector -Drelu4j.parallelism=1 -XX:+PrintCompilation
 * -cp jmh/target/benchmarks.jar io.github.relu4j.bench.TierTwoTrap [short]} and read the
 * {@code planesF32} lines.
 */
public final class TierTwoTrap {
    private static final int ELEMENTS = 1 << 16;
    private static final int CALLS = 200;

    private TierTwoTrap() {}

    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(4L * ELEMENTS, 64);
            MemorySegment y = arena.allocate(4L * ELEMENTS, 64);
            for (int i = 0; i < ELEMENTS; i++) {
                x.setAtIndex(ValueLayout.JAVA_FLOAT, i, i % 3 - 1f);
            }
            float[] w = {0.25f, 0.01f};
            Engine vector = Engine.vector();
            if (args.length > 0 && args[0].equals("short")) {
                for (int k = 0; k < 200_000; k++) {
                    Prelu.channelsFirst(2, 1 + k % 37).on(vector).forwardF32(x, k % 5, y, 0, 3, w, 0);
                }
            }
            Prelu prelu = Prelu.channelsFirst(2, ELEMENTS / 32).on(vector);
            for (int round = 0; round < 10; round++) {
                long start = System.nanoTime();
                for (int k = 0; k < CALLS; k++) {
                    prelu.forwardF32(x, 0, y, 0, 16, w, 0);
                }
                System.out.printf("round %d: %.2f ns per element%n", round,
                        (System.nanoTime() - start) / ((double) CALLS * ELEMENTS));
            }
        }
    }
}
