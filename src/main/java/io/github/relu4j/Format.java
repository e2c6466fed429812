package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An element format: how elements are stored (the Java array type, the segment layout) and what
 * the kernels compute in. Every layer above the loops (argument checks, heap-segment staging, the
 * parallel split) handles arrays as {@code Object} through this, so it is written once for all
 * formats; only the generated loops know the concrete array types.
 */
enum Format {
    /** IEEE binary32: {@code float[]}, or {@link ValueLayout#JAVA_FLOAT} in a segment. */
    F32(Float.BYTES, ValueLayout.JAVA_FLOAT_UNALIGNED, true),
    /** IEEE binary64: {@code double[]}, or {@link ValueLayout#JAVA_DOUBLE} in a segment. */
    F64(Double.BYTES, ValueLayout.JAVA_DOUBLE_UNALIGNED, false),
    /**
     * bfloat16, the upper half of a binary32: {@code short[]}, or {@link ValueLayout#JAVA_SHORT} in
     * a segment. Computed in float ({@link Halves}).
     */
    BF16(Short.BYTES, ValueLayout.JAVA_SHORT_UNALIGNED, true),
    /** IEEE binary16: {@code short[]}, or {@link ValueLayout#JAVA_SHORT} in a segment. Computed in float. */
    F16(Short.BYTES, ValueLayout.JAVA_SHORT_UNALIGNED, true);

    /** Bytes per element. */
    final int bytes;
    /** An element in a segment: native byte order, any alignment. */
    final ValueLayout layout;
    /** Whether parameters are rounded to float for this format's kernels (float is their compute type). */
    final boolean single;
    /** Whether elements are 16-bit encodings, computed in float and rounded back ({@link Halves}). */
    final boolean half;

    Format(int bytes, ValueLayout layout, boolean single) {
        this.bytes = bytes;
        this.layout = layout;
        this.single = single;
        this.half = bytes == Short.BYTES;
    }

    /** The length of an array of this format (the caller has checked it is not null). */
    int length(Object array) {
        return switch (this) {
            case F32 -> ((float[]) array).length;
            case F64 -> ((double[]) array).length;
            case BF16, F16 -> ((short[]) array).length;
        };
    }

    /** A new array of this format. */
    Object newArray(int length) {
        return switch (this) {
            case F32 -> new float[length];
            case F64 -> new double[length];
            case BF16, F16 -> new short[length];
        };
    }

    /** The array a heap segment views, if it is this format's and the view starts at an element boundary; else null. */
    Object viewedArray(MemorySegment s) {
        Object base = s.heapBase().orElse(null);
        boolean ours = switch (this) {
            case F32 -> base instanceof float[];
            case F64 -> base instanceof double[];
            case BF16, F16 -> base instanceof short[];
        };
        return ours && s.address() % bytes == 0 ? base : null;
    }
}
