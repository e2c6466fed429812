package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Where a fused call's tensors and mask live: arrays with a {@code long[]} mask, or segments of
 * the kinds the driver stages differently, the mask among them (any alignment, native or heap).
 * Tests build arrays; {@link #run} puts them into segments (the same array into the same
 * segment, for in-place calls), runs, and copies everything back, even when the call throws.
 */
enum FusedStorage {
    /** Arrays, and a {@code long[]} mask. */
    ARRAY,
    /** 64-byte-aligned native tensors and an 8-byte-aligned native mask. */
    NATIVE,
    /** Native tensors at odd addresses, and a native mask at an address of 3 mod 8. */
    NATIVE_UNALIGNED,
    /** Views of the arrays themselves, and a view of the {@code long[]} mask. */
    HEAP,
    /** Read-only views as inputs (and as the mask a backward pass reads); outputs and a written mask on byte[] at an odd offset. */
    HEAP_READ_ONLY_INPUTS;

    /** A call on segments: an input, an output (may be the input's segment), the mask (may be null). */
    @FunctionalInterface
    interface Call {
        void run(MemorySegment in, MemorySegment out, MemorySegment mask);
    }

    /**
     * Runs {@code call} on segments holding {@code in}, {@code out} and {@code mask} (null for
     * none); the mask is written when {@code maskWritten}, else only read.
     */
    void run(Element e, Object in, Object out, long[] mask, boolean maskWritten, Call call) {
        if (this == ARRAY) {
            throw new IllegalStateException("arrays need no segment");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment outSegment = tensor(e, out, false, arena);
            MemorySegment inSegment = in == out ? outSegment : tensor(e, in, true, arena); // in place: one segment
            MemorySegment maskSegment = mask == null ? null : mask(mask, maskWritten, arena);
            try {
                call.run(inSegment, outSegment, maskSegment);
            } finally {
                copyBack(e, outSegment, out);
                if (maskSegment != null && maskWritten && maskSegment.heapBase().orElse(null) != mask) {
                    MemorySegment.copy(maskSegment, ValueLayout.JAVA_LONG_UNALIGNED, 0, mask, 0, mask.length);
                }
            }
        }
    }

    private MemorySegment tensor(Element e, Object array, boolean input, Arena arena) {
        long bytes = (long) e.length(array) * e.size() / 8;
        MemorySegment s = switch (this) {
            case ARRAY -> throw new IllegalStateException();
            case NATIVE -> arena.allocate(bytes, 64);
            case NATIVE_UNALIGNED -> arena.allocate(bytes + 1, 64).asSlice(1);
            case HEAP -> e.view(array);
            case HEAP_READ_ONLY_INPUTS -> input ? e.view(array)
                    : MemorySegment.ofArray(new byte[(int) bytes + 1]).asSlice(1);
        };
        if (this != HEAP && !(this == HEAP_READ_ONLY_INPUTS && input)) { // not a view of the array itself
            e.copyInto(array, s);
        }
        return input && this == HEAP_READ_ONLY_INPUTS ? s.asReadOnly() : s;
    }

    private MemorySegment mask(long[] mask, boolean written, Arena arena) {
        long bytes = 8L * mask.length;
        MemorySegment s = switch (this) {
            case ARRAY -> throw new IllegalStateException();
            case NATIVE -> arena.allocate(bytes, 8);
            case NATIVE_UNALIGNED -> arena.allocate(bytes + 3, 8).asSlice(3);
            case HEAP -> MemorySegment.ofArray(mask);
            case HEAP_READ_ONLY_INPUTS -> written ? MemorySegment.ofArray(new byte[(int) bytes + 1]).asSlice(1)
                    : MemorySegment.ofArray(mask).asReadOnly();
        };
        if (this != HEAP && !(this == HEAP_READ_ONLY_INPUTS && !written)) { // not a view of the mask itself
            MemorySegment.copy(mask, 0, s, ValueLayout.JAVA_LONG_UNALIGNED, 0, mask.length);
        }
        return s;
    }

    private static void copyBack(Element e, MemorySegment segment, Object array) {
        if (segment.heapBase().orElse(null) != array) {
            e.copyFrom(segment, array);
        }
    }
}
