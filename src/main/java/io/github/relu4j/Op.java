package io.github.relu4j;

import java.util.List;

/**
 * The kernel catalogue: every activation relu4j computes, one entry each. An entry names its lane
 * functions and its parameters; everything else is derived from it. Each activation has two
 * kernels: the forward pass, {@code x -> y}, computed by the lane function {@link #lane}, and the
 * backward pass, {@code (x, dy) -> dx}, by {@link #lane}{@code Gradient}. {@link ScalarLanes} and
 * {@link VectorLanes} hold those functions, written by hand (and {@link PortableLanes}, on the
 * encodings); the loops around them ({@link ScalarLoops}, {@link VectorLoops},
 * {@link PortableLoops}) are generated from this list, and the tests and
 * benchmarks iterate over it.
 *
 * <p>Adding an activation: its lane functions in {@link ScalarLanes}, {@link VectorLanes} and
 * {@link PortableLanes}, an
 * entry here, a factory in {@link Activation}, its row in the contract ({@code package-info.java}),
 * its test oracle; then regenerate the loops ({@code ./test.sh --generate}).
 */
enum Op {
    RELU("relu", false),
    LEAKY_RELU("leakyRelu", true, "alpha"),
    HARDTANH("hardtanh", false, "min", "max"),
    THRESHOLD("threshold", false, "threshold", "value");

    /** The forward lane function's name; the backward one is this + "Gradient". */
    final String lane;
    /** The parameters, in the order the lane functions take them (at most two). */
    final List<String> params;
    /**
     * Whether a kernel's result may be its operand (x forward, dy backward) times the first
     * parameter: the portable loops compute that product in floating point before their integer
     * lanes select ({@link PortableLanes}).
     */
    final boolean scales;
    /** {@code params.size()}, read on every call. */
    private final int arity;

    Op(String lane, boolean scales, String... params) {
        this.lane = lane;
        this.scales = scales;
        this.params = List.of(params);
        this.arity = params.length;
    }

    /** The name of the generated loop of this op's forward or backward kernel for {@code f}: {@code reluForwardF32}. */
    String loop(boolean backward, Format f) {
        return lane + (backward ? "Backward" : "Forward") + f.name();
    }

    /**
     * Checks the parameters as the kernels of {@code format} will see them, rounded to its compute
     * type: each must be finite, and a range must not be empty. Runs before any element is written.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    void checkParams(Format format, double p, double q) {
        if (arity == 0) {
            return;
        }
        finite(format, 0, p);
        if (arity > 1) {
            finite(format, 1, q);
        }
        if (this == HARDTANH && !(p <= q)) {
            throw new IllegalArgumentException("min (" + p + ") must not be greater than max (" + q + ")");
        }
    }

    private void finite(Format format, int index, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(params.get(index) + " must be finite, was " + value);
        }
        if (format.single && !Float.isFinite((float) value)) {
            throw new IllegalArgumentException(params.get(index) + " (" + value + ") overflows to "
                    + (float) value + " as a float, the compute type of " + format);
        }
        if (format.half && writes(index)) {
            float encoded = Halves.toFloat(format, Halves.round(format, (float) value));
            if (!Float.isFinite(encoded)) {
                throw new IllegalArgumentException(params.get(index) + " (" + value + ") overflows to " + encoded
                        + " in " + format + ", whose encoding the kernel writes");
            }
        }
    }

    // The gate: where the backward kernel passes dy unchanged. Its mask forms keep one bit per
    // element for it ({@link FusedDriver}): pass = !(x <= low) && !(x >= high), and, for the ops
    // that scale (whose dx at NaN is the product), not NaN. high is NaN (never reached) but for Hardtanh.

    /** The value at or below which the gradient does not pass: 0, or the first parameter. */
    double gateLow(double p) {
        return this == HARDTANH || this == THRESHOLD ? p : 0;
    }

    /** The value at or above which the gradient does not pass: Hardtanh's max; NaN for the others. */
    double gateHigh(double q) {
        return this == HARDTANH ? q : Double.NaN;
    }

    /**
     * The op whose backward kernel, given x = +1 where the gradient passes and x = -1 where it
     * does not, returns this op's dx: ReLU for the ops that zero it, Leaky ReLU (the same alpha)
     * for the one that scales it.
     */
    Op gateGradient() {
        return scales ? LEAKY_RELU : RELU;
    }

    /** Whether parameter {@code index} can be an output (a bound, Threshold's value): 16-bit kernels write it rounded to their format. */
    private boolean writes(int index) {
        return this == HARDTANH || (this == THRESHOLD && index == 1);
    }
}
