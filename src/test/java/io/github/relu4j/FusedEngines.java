package io.github.relu4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The engines every fused-form test runs: the reference, the vector engine (its block kernels,
 * {@link Loops#blocks}, whatever they are), the portable one, the preferred (warming) one, and
 * the vector engine split on 3 threads from {@link #LOW} elements, so that calls of a few
 * thousand elements are cut into pieces of whole blocks.
 */
final class FusedEngines {
    private FusedEngines() {}

    /** The lowered threshold of the parallel engine: one block. */
    static final int LOW = FusedDriver.BLOCK;

    static final Engine SCALAR = Engine.scalar();

    /** Vector kernels on up to {@code parallelism} threads of the common pool, from {@link #LOW} elements. */
    static Engine parallel(int parallelism) {
        return Engine.of(new ParallelLoops(VectorLoops.INSTANCE, parallelism, ForkJoinPool.commonPool(), LOW,
                ParallelLoops.ALIGN));
    }

    /** Every engine, the reference first. */
    static List<Engine> all() {
        List<Engine> engines = new ArrayList<>(List.of(SCALAR));
        if (Selector.vectorModuleReadable()) {
            engines.add(Engine.vector());
        }
        engines.add(Engine.portable());
        engines.add(Engine.preferred());
        if (Selector.vectorModuleReadable()) {
            engines.add(parallel(3));
        }
        return engines;
    }
}
