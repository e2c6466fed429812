package io.github.relu4j.study;

/** What the forward pass of a ReLU-family layer keeps for the backward of its activation. */
enum Keep {
    /** The activation's input (the pre-activation) as floats: 4 bytes an element. */
    FLOATS,
    /** One bit an element: whether the backward passes the gradient there. */
    MASK;

    /** Bytes kept for {@code elements} elements of one layer (a mask is whole longs). */
    long bytes(long elements) {
        return this == FLOATS ? 4 * elements : 8L * Kernels.maskWords(elements);
    }
}
