package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Calls one of {@link Prelu}'s 16-bit kernels ({@code BF16} or {@code F16} methods, offset
 * forms) on tensors held as {@code short[]}, through the storage under test; results are copied
 * back into the arrays. Slopes and {@code dw} are float arrays.
 */
final class PreluHalfCall {
    private PreluHalfCall() {}

    /** Where the tensors live. */
    enum Where {
        /** The arrays themselves. */
        ARRAY,
        /** Native copies: the segment kernels. */
        NATIVE,
        /** Views of the arrays: heap segments, which the library stages. */
        HEAP,
        /** Read-only views of the inputs, a writable view of the output. */
        HEAP_READ_ONLY_INPUTS
    }

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    /**
     * Runs {@code call} on {@code n} groups: {@code x}, {@code dy} and {@code out} at their offsets
     * ({@code out} may be {@code x} or {@code dy}: in place; not with read-only inputs).
     */
    static void run(PreluCall call, Prelu p, PreluHalfOracle.Kind k, Where where, short[] x, int xo, short[] dy,
                    int dyo, short[] out, int oo, int n, float[] w, int wo, float[] dw, int dwo) {
        if (where == Where.ARRAY) {
            onArrays(call, p, k, x, xo, dy, dyo, out, oo, n, w, wo, dw, dwo);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            boolean readOnly = where == Where.HEAP_READ_ONLY_INPUTS;
            MemorySegment xs = segment(where, x, arena, readOnly);
            MemorySegment dys = dy == x ? xs : segment(where, dy, arena, readOnly);
            MemorySegment outs = out == x ? xs : out == dy ? dys : segment(where, out, arena, false);
            onSegments(call, p, k, xs, xo, dys, dyo, outs, oo, n, w, wo, dw, dwo);
            if (where == Where.NATIVE && call.writesOut()) {
                MemorySegment.copy(outs, SHORT, 0, out, 0, out.length);
            }
        }
    }

    private static MemorySegment segment(Where where, short[] array, Arena arena, boolean readOnly) {
        if (where != Where.NATIVE) {
            MemorySegment view = MemorySegment.ofArray(array);
            return readOnly ? view.asReadOnly() : view;
        }
        MemorySegment s = arena.allocate(2L * array.length, 64);
        MemorySegment.copy(array, 0, s, SHORT, 0, array.length);
        return s;
    }

    private static void onArrays(PreluCall call, Prelu p, PreluHalfOracle.Kind k, short[] x, int xo, short[] dy,
                                 int dyo, short[] out, int oo, int n, float[] w, int wo, float[] dw, int dwo) {
        if (k == PreluHalfOracle.Kind.BF16) {
            switch (call) {
                case FORWARD -> p.forwardBF16(x, xo, out, oo, n, w, wo);
                case BACKWARD -> p.backwardBF16(x, xo, dy, dyo, out, oo, n, w, wo, dw, dwo);
                case INPUT_GRADIENT -> p.inputGradientBF16(x, xo, dy, dyo, out, oo, n, w, wo);
                case SLOPE_GRADIENT -> p.slopeGradientBF16(x, xo, dy, dyo, n, dw, dwo);
            }
        } else {
            switch (call) {
                case FORWARD -> p.forwardF16(x, xo, out, oo, n, w, wo);
                case BACKWARD -> p.backwardF16(x, xo, dy, dyo, out, oo, n, w, wo, dw, dwo);
                case INPUT_GRADIENT -> p.inputGradientF16(x, xo, dy, dyo, out, oo, n, w, wo);
                case SLOPE_GRADIENT -> p.slopeGradientF16(x, xo, dy, dyo, n, dw, dwo);
            }
        }
    }

    static void onSegments(PreluCall call, Prelu p, PreluHalfOracle.Kind k, MemorySegment x, long xo,
                           MemorySegment dy, long dyo, MemorySegment out, long oo, long n, float[] w, int wo,
                           float[] dw, int dwo) {
        if (k == PreluHalfOracle.Kind.BF16) {
            switch (call) {
                case FORWARD -> p.forwardBF16(x, xo, out, oo, n, w, wo);
                case BACKWARD -> p.backwardBF16(x, xo, dy, dyo, out, oo, n, w, wo, dw, dwo);
                case INPUT_GRADIENT -> p.inputGradientBF16(x, xo, dy, dyo, out, oo, n, w, wo);
                case SLOPE_GRADIENT -> p.slopeGradientBF16(x, xo, dy, dyo, n, dw, dwo);
            }
        } else {
            switch (call) {
                case FORWARD -> p.forwardF16(x, xo, out, oo, n, w, wo);
                case BACKWARD -> p.backwardF16(x, xo, dy, dyo, out, oo, n, w, wo, dw, dwo);
                case INPUT_GRADIENT -> p.inputGradientF16(x, xo, dy, dyo, out, oo, n, w, wo);
                case SLOPE_GRADIENT -> p.slopeGradientF16(x, xo, dy, dyo, n, dw, dwo);
            }
        }
    }
}
