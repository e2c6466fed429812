package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Calls one of {@link Prelu}'s kernels on tensors held as arrays of an {@link Element}, through
 * the storage under test: the arrays themselves, native copies, or heap segments over them
 * (which the library stages). Results are copied back into the arrays.
 */
enum PreluCall {
    FORWARD, BACKWARD, INPUT_GRADIENT, SLOPE_GRADIENT;

    /** Where the tensors live. */
    enum Where { ARRAY, NATIVE, HEAP_SEGMENT }

    /** Whether this kernel writes {@code out} (y or dx). */
    boolean writesOut() {
        return this != SLOPE_GRADIENT;
    }

    boolean writesDw() {
        return this == BACKWARD || this == SLOPE_GRADIENT;
    }

    /**
     * Runs this kernel on {@code n} groups: {@code x}, {@code dy} and {@code out} at their offsets
     * ({@code out} may be {@code x} or {@code dy}: in place), slopes {@code w} and gradient
     * {@code dw} (arrays of the element type) at theirs.
     */
    void run(Prelu p, Element e, Where where, Object x, int xo, Object dy, int dyo, Object out, int oo, int n,
             Object w, int wo, Object dw, int dwo) {
        if (where == Where.ARRAY) {
            onArrays(p, e, x, xo, dy, dyo, out, oo, n, w, wo, dw, dwo);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = segment(e, where, x, arena);
            MemorySegment dys = dy == x ? xs : segment(e, where, dy, arena);
            MemorySegment outs = out == x ? xs : out == dy ? dys : segment(e, where, out, arena);
            onSegments(p, e, xs, xo, dys, dyo, outs, oo, n, w, wo, dw, dwo);
            if (where == Where.NATIVE && writesOut()) {
                e.copyFrom(outs, out);
            }
        }
    }

    private static MemorySegment segment(Element e, Where where, Object array, Arena arena) {
        if (where == Where.HEAP_SEGMENT) {
            return e.view(array);
        }
        MemorySegment s = arena.allocate((long) e.length(array) * e.size() / 8, 64);
        e.copyInto(array, s);
        return s;
    }

    private void onArrays(Prelu p, Element e, Object x, int xo, Object dy, int dyo, Object out, int oo, int n,
                          Object w, int wo, Object dw, int dwo) {
        if (e == Element.FLOAT) {
            float[] fx = (float[]) x;
            float[] fdy = (float[]) dy;
            float[] fout = (float[]) out;
            switch (this) {
                case FORWARD -> p.forward(fx, xo, fout, oo, n, (float[]) w, wo);
                case BACKWARD -> p.backward(fx, xo, fdy, dyo, fout, oo, n, (float[]) w, wo, (float[]) dw, dwo);
                case INPUT_GRADIENT -> p.inputGradient(fx, xo, fdy, dyo, fout, oo, n, (float[]) w, wo);
                case SLOPE_GRADIENT -> p.slopeGradient(fx, xo, fdy, dyo, n, (float[]) dw, dwo);
            }
        } else {
            double[] dx = (double[]) x;
            double[] ddy = (double[]) dy;
            double[] dout = (double[]) out;
            switch (this) {
                case FORWARD -> p.forward(dx, xo, dout, oo, n, (double[]) w, wo);
                case BACKWARD -> p.backward(dx, xo, ddy, dyo, dout, oo, n, (double[]) w, wo, (double[]) dw, dwo);
                case INPUT_GRADIENT -> p.inputGradient(dx, xo, ddy, dyo, dout, oo, n, (double[]) w, wo);
                case SLOPE_GRADIENT -> p.slopeGradient(dx, xo, ddy, dyo, n, (double[]) dw, dwo);
            }
        }
    }

    private void onSegments(Prelu p, Element e, MemorySegment x, long xo, MemorySegment dy, long dyo,
                            MemorySegment out, long oo, long n, Object w, int wo, Object dw, int dwo) {
        if (e == Element.FLOAT) {
            switch (this) {
                case FORWARD -> p.forwardF32(x, xo, out, oo, n, (float[]) w, wo);
                case BACKWARD -> p.backwardF32(x, xo, dy, dyo, out, oo, n, (float[]) w, wo, (float[]) dw, dwo);
                case INPUT_GRADIENT -> p.inputGradientF32(x, xo, dy, dyo, out, oo, n, (float[]) w, wo);
                case SLOPE_GRADIENT -> p.slopeGradientF32(x, xo, dy, dyo, n, (float[]) dw, dwo);
            }
        } else {
            switch (this) {
                case FORWARD -> p.forwardF64(x, xo, out, oo, n, (double[]) w, wo);
                case BACKWARD -> p.backwardF64(x, xo, dy, dyo, out, oo, n, (double[]) w, wo, (double[]) dw, dwo);
                case INPUT_GRADIENT -> p.inputGradientF64(x, xo, dy, dyo, out, oo, n, (double[]) w, wo);
                case SLOPE_GRADIENT -> p.slopeGradientF64(x, xo, dy, dyo, n, (double[]) dw, dwo);
            }
        }
    }
}
