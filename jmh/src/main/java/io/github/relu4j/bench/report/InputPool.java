package io.github.relu4j.bench.report;

import io.github.relu4j.bench.Inputs;

/**
 * The input pool of the benchmarks, as {@link Inputs} builds it: below
 * {@link #BYTES} per array, each call takes the next of a pool of arrays holding about that many
 * bytes, so that branch predictors cannot learn the data. A working set therefore includes the
 * whole pool, not one array.
 */
final class InputPool {
    /** The bytes a pool holds. */
    static final int BYTES = Inputs.POOL_BYTES;

    private InputPool() {}

    /** How many input arrays of {@code size} elements of {@code elementBytes} each a pool holds. */
    static int arrays(int size, int elementBytes) {
        return Inputs.poolSize(size, elementBytes);
    }

    /** From this size up an input array comes alone: 256 Ki floats, 128 Ki doubles. */
    static int aloneFromSize(int elementBytes) {
        return BYTES / elementBytes;
    }
}
