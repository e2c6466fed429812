package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * What an engine implements: one method per kernel shape and container, for every {@link Op} and
 * {@link Format}. Arrays come as {@code Object} of the format's array type; {@code p} and
 * {@code q} are the op's parameters (unused ones are ignored). Callers have checked every argument
 * ({@link Checks}), and segments are native ({@link HeapSegments} routes the others to the array
 * forms). Offsets and lengths count elements.
 *
 * <p>{@link ScalarLoops} and {@link VectorLoops} are generated: each method there is a switch to
 * one loop per op and format, its own method with its own constants, so that every hot loop stays
 * monomorphic. {@link ParallelLoops} splits calls across threads.
 */
interface Loops {

    /** The forward kernel of {@code op}: {@code y = f(x)}. */
    void map1(Op op, Format format, Object x, int xOffset, Object y, int yOffset, int length, double p, double q);

    /** {@link #map1(Op, Format, Object, int, Object, int, int, double, double)} on native segments. */
    void map1(Op op, Format format, MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
              double p, double q);

    /** The backward kernel of {@code op}: {@code dx = f'(x) dy}. */
    void map2(Op op, Format format, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset,
              int length, double p, double q);

    /** {@link #map2(Op, Format, Object, int, Object, int, Object, int, int, double, double)} on native segments. */
    void map2(Op op, Format format, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset, MemorySegment dx,
              long dxOffset, long length, double p, double q);

    /**
     * PReLU's kernels that go with these loops: the reference's unless the loops have their own
     * ({@link VectorLoops}: {@link VectorChannels}).
     */
    default ChannelKernels channels() {
        return ScalarChannels.INSTANCE;
    }

    /** {@link #channels()} for a call over {@code elements}: what a warming engine counts towards its warm-up. */
    default ChannelKernels channels(long elements) {
        return channels();
    }

    /**
     * The fused forms' block kernels that go with these loops, for a call over {@code elements}:
     * the reference's unless the loops have their own ({@link VectorLoops}: {@link VectorBlocks}).
     */
    default BlockKernels blocks(long elements) {
        return ScalarBlocks.INSTANCE;
    }

    /**
     * Whether these loops, for {@code format}, are the scalar reference's own: a warming engine
     * then has nothing to compile. True only for the portable loops on 16-bit formats.
     */
    default boolean referenceFor(Format format) {
        return false;
    }

    /** A short name for logs and benchmarks: {@code "scalar"}, {@code "vector"}, {@code "vector x2"}. */
    String name();
}
