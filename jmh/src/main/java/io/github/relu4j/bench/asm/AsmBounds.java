package io.github.relu4j.bench.asm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bounds the kernels are compared with, as the harness compiles them: a Vector API copy in
 * the kernels' own loop shape (main loop plus masked tail, no arithmetic), the scalar
 * {@code Math.max(x[i], 0)} loop that C2 auto-vectorises, and {@code System.arraycopy}.
 */
public final class AsmBounds {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private AsmBounds() {}

    public static void vectorCopy(float[] x, float[] y, int length) {
        int i = 0;
        for (int bound = F.loopBound(length); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).intoArray(y, i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            FloatVector.fromArray(F, x, i, m).intoArray(y, i, m);
        }
    }

    public static void vectorCopy(double[] x, double[] y, int length) {
        int i = 0;
        for (int bound = D.loopBound(length); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, x, i).intoArray(y, i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            DoubleVector.fromArray(D, x, i, m).intoArray(y, i, m);
        }
    }

    public static void mathMax(float[] x, float[] y, int length) {
        for (int i = 0; i < length; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    public static void mathMax(double[] x, double[] y, int length) {
        for (int i = 0; i < length; i++) {
            y[i] = Math.max(x[i], 0d);
        }
    }

    public static void arraycopy(float[] x, float[] y, int length) {
        System.arraycopy(x, 0, y, 0, length);
    }

    public static void arraycopy(double[] x, double[] y, int length) {
        System.arraycopy(x, 0, y, 0, length);
    }
}
