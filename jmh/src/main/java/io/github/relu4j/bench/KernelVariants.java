package io.github.relu4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Other shapes the float kernels could take, measured against the shipped shape (copied here as
 * {@code *Shipped}, without argument checks, so that every variant is timed alike). Only the
 * lane operation or the tail differs from one variant to the next.
 */
final class KernelVariants {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private KernelVariants() {}

    /** Shipped: compare + blend, one masked tail. */
    static void reluForwardShipped(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, i, m);
        }
    }

    /** Compare + blend, then a scalar loop for the tail. */
    static void reluForwardScalarTail(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = x[i] < 0f ? 0f : x[i];
        }
    }

    /** Lane-wise MAX with zero: what most libraries do. Not the contract: it turns -0.0 into +0.0. */
    static void reluForwardMaxNotContract(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).max(0f).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, i, m).max(0f).intoArray(y, i, m);
        }
    }

    /** Shipped: multiply every lane, blend x back where x > 0. */
    static void leakyReluForwardShipped(float[] x, float[] y, int n, float alpha) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i, m);
        }
    }

    /** Masked multiply: only the lanes where !(x > 0) are multiplied; the others keep x. */
    static void leakyReluForwardMaskedMul(float[] x, float[] y, int n, float alpha) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v.lanewise(VectorOperators.MUL, alpha, v.compare(VectorOperators.GT, 0f).not()).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            v.lanewise(VectorOperators.MUL, alpha, v.compare(VectorOperators.GT, 0f).not()).intoArray(y, i, m);
        }
    }

    /** x * (x > 0 ? 1 : alpha): exact for forward, since x * 1 == x for every x > 0. */
    static void leakyReluForwardSelectFactor(float[] x, float[] y, int n, float alpha) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v.mul(one.blend(alpha, v.compare(VectorOperators.GT, 0f).not())).intoArray(y, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, i, m);
            v.mul(one.blend(alpha, v.compare(VectorOperators.GT, 0f).not())).intoArray(y, i, m);
        }
    }

    /** Shipped: multiply every dy lane, blend dy back where x > 0. */
    static void leakyReluBackwardShipped(float[] x, float[] dy, float[] dx, int n, float alpha) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, dy, i);
            g.mul(alpha).blend(g, FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector g = FloatVector.fromArray(F, dy, i, m);
            g.mul(alpha).blend(g, FloatVector.fromArray(F, x, i, m).compare(VectorOperators.GT, 0f))
                    .intoArray(dx, i, m);
        }
    }

    /** Masked multiply of dy where !(x > 0). */
    static void leakyReluBackwardMaskedMul(float[] x, float[] dy, float[] dx, int n, float alpha) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, dy, i);
            g.lanewise(VectorOperators.MUL, alpha, FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, 0f).not())
                    .intoArray(dx, i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector g = FloatVector.fromArray(F, dy, i, m);
            g.lanewise(VectorOperators.MUL, alpha,
                    FloatVector.fromArray(F, x, i, m).compare(VectorOperators.GT, 0f).not()).intoArray(dx, i, m);
        }
    }
}
