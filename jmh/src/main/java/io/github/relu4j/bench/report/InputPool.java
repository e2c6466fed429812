package io.github.relu4j.bench.report;

/**
 * The input pool of the benchmarks, as {@code io.github.relu4j.bench.Inputs} builds it: below
 * {@link #BYTES} per array, each call takes the next of a pool of arrays holding about that many
 * bytes, so that branch predictors cannot learn the data. A working set therefore includes the
 * whole pool, not one array.
 */
final class InputPool {
    /** The bytes a pool holds; must match {@code Inputs}. */
    static final int BYTES = 1024 * 1024;

    private InputPool() {}

    /** How many input arrays of {@code size} elements of {@code elementBytes} each a pool holds. */
    static int arrays(int size, int elementBytes) {
        return Integer.highestOneBit(Math.max(1, BYTES / (size * elementBytes)));
    }

    /** From this size up an input array comes alone: 256 Ki floats, 128 Ki doubles. */
    static int aloneFromSize(int elementBytes) {
        return BYTES / elementBytes;
    }
}
