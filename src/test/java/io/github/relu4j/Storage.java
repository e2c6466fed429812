package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where a test's data lives when a kernel runs: in the arrays themselves, or in memory segments
 * of every kind the segment kernels must handle, each taking a different path through them.
 * Tests build arrays; {@link #run} puts them into segments, runs, and copies results back.
 */
enum Storage {
    /** The array kernels. */
    ARRAY,
    /** Native segments, 64-byte aligned: the segment kernels. */
    NATIVE,
    /** Native segments at an odd address: elements not aligned to their size. */
    NATIVE_UNALIGNED,
    /** Views of the float[] or double[] itself: the array kernels, through the segment API. */
    HEAP,
    /** Read-only views of the arrays as inputs, writable views as outputs: staged. */
    HEAP_READ_ONLY_INPUTS,
    /** Views of byte[] at an odd offset: another array type, unaligned; staged. */
    HEAP_BYTES_UNALIGNED,
    /** Inputs in native memory, output on the heap: staged. */
    NATIVE_AND_HEAP;

    /** A segment kernel call: offsets and length in elements. */
    @FunctionalInterface
    interface SegmentCall {
        void run(Engine kernels, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                 MemorySegment out, long outOffset, long length);
    }

    /**
     * Runs {@code call} on segments holding the arrays (the same array gives the same memory), then
     * copies every segment back into its array, even when the call throws, so that a test sees
     * any element a failed call wrote.
     */
    void run(Element e, SegmentCall call, Engine kernels, Object x, int xOffset, Object dy, int dyOffset,
             Object out, int outOffset, int length) {
        run(e, call, kernels, x, xOffset, dy, dyOffset, out, outOffset, length, false);
    }

    /**
     * As {@link #run(Element, SegmentCall, Engine, Object, int, Object, int, Object, int, int)},
     * with native memory from a shared arena when {@code shared} (any thread may use it) and from
     * a confined one otherwise.
     */
    void run(Element e, SegmentCall call, Engine kernels, Object x, int xOffset, Object dy, int dyOffset,
             Object out, int outOffset, int length, boolean shared) {
        try (Arena arena = shared ? Arena.ofShared() : Arena.ofConfined()) {
            Map<Object, MemorySegment> memory = new IdentityHashMap<>();
            MemorySegment outSegment = segment(e, out, false, memory, arena);
            MemorySegment xSegment = segment(e, x, true, memory, arena);
            MemorySegment dySegment = segment(e, dy, true, memory, arena);
            try {
                call.run(kernels, xSegment, xOffset, dySegment, dyOffset, outSegment, outOffset, length);
            } finally {
                memory.forEach((array, segment) -> copyBack(e, segment, array));
            }
        }
    }

    private MemorySegment segment(Element e, Object array, boolean input, Map<Object, MemorySegment> memory,
                                  Arena arena) {
        if (array == null) {
            return null;
        }
        MemorySegment shared = memory.get(array);
        if (shared != null) {
            return input && this == HEAP_READ_ONLY_INPUTS ? shared.asReadOnly() : shared;
        }
        long bytes = (long) e.length(array) * e.size() / 8;
        MemorySegment segment = switch (this) {
            case ARRAY -> throw new IllegalStateException("arrays need no segment");
            case NATIVE -> arena.allocate(bytes, 64);
            case NATIVE_UNALIGNED -> arena.allocate(bytes + 1, 64).asSlice(1);
            case HEAP, HEAP_READ_ONLY_INPUTS -> e.view(array);
            case HEAP_BYTES_UNALIGNED -> MemorySegment.ofArray(new byte[(int) bytes + 3]).asSlice(3);
            case NATIVE_AND_HEAP -> input ? arena.allocate(bytes, 64) : e.view(array);
        };
        if (segment.heapBase().orElse(null) != array) {
            e.copyInto(array, segment);
        }
        memory.put(array, segment);
        return input && this == HEAP_READ_ONLY_INPUTS ? segment.asReadOnly() : segment;
    }

    private static void copyBack(Element e, MemorySegment segment, Object array) {
        if (segment.heapBase().orElse(null) != array) {
            e.copyFrom(segment, array);
        }
    }
}
