package io.github.relu4j.bench;

/**
 * What every float benchmark holds: a pool of input pairs from {@link Inputs}, taken in turn by
 * {@link #next()}, and one output array.
 */
public abstract class FloatInputs {
    protected float[][] xs;
    protected float[][] dys;
    protected float[] out;
    private int next;

    /** Fills the pool for arrays of {@code size} elements, half negative; called from each benchmark's setup. */
    protected void allocate(int size) {
        allocate(size, false);
    }

    /** Fills the pool for arrays of {@code size} elements, all positive if asked. */
    protected void allocate(int size, boolean positive) {
        xs = Inputs.floats(size, 1, positive);
        dys = Inputs.floats(size, 2, positive);
        out = new float[size];
    }

    /** Index of the next input pair in the pool. */
    protected int next() {
        return next = (next + 1) & (xs.length - 1);
    }
}
