package io.github.relu4j.probe;

import io.github.relu4j.Relu;
import io.github.relu4j.ReluKernels;

/**
 * Main class of the JVMs that {@code DispatchProcessTest} starts. It sits outside the library's
 * package, so on the module path it sees only what the module exports. Prints what was chosen.
 */
public final class DispatchProbe {
    private DispatchProbe() {}

    public static void main(String[] args) {
        float[] y = new float[3];
        Relu.forward(new float[] {-0f, -1f, 2f}, y);
        String vector;
        try {
            vector = ReluKernels.vector().name();
        } catch (UnsupportedOperationException e) {
            vector = "unsupported: " + e.getMessage();
        }
        System.out.println("preferred=" + ReluKernels.preferred().name());
        System.out.println("vector=" + vector);
        System.out.println("relu=" + Integer.toHexString(Float.floatToRawIntBits(y[0])) + ","
                + Integer.toHexString(Float.floatToRawIntBits(y[1])) + "," + y[2]);
        System.out.println("module=" + ReluKernels.class.getModule().getName());
    }
}
