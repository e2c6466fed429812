package io.github.relu4j;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The {@link ScalarLanes} functions on whole vectors, as compare + blend, so that NaN, -0.0 and
 * payloads come out as in the scalar code: a blend moves bits unchanged, and the lanes that
 * multiply do the same IEEE multiply. ({@code VectorOperators.MAX} would not do: it orders -0.0
 * below +0.0 and turns ReLU's -0.0 into +0.0.) With {@link VectorLoops}, the only code that names a
 * {@code jdk.incubator.vector} type; nothing loads either until {@link Selector} has seen that the
 * module is readable.
 */
final class VectorLanes {
    private VectorLanes() {}

    /** The preferred vector width of this JVM and CPU, in bits. */
    static int bitSize() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Lanes per vector, for floats and for doubles. */
    static String describe() {
        return bitSize() + "-bit: " + FloatVector.SPECIES_PREFERRED.length() + " float / "
                + DoubleVector.SPECIES_PREFERRED.length() + " double lanes";
    }

    static FloatVector relu(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LT, 0f));
    }

    static DoubleVector relu(DoubleVector x) {
        return x.blend(0d, x.compare(VectorOperators.LT, 0d));
    }

    static FloatVector reluGradient(FloatVector x, FloatVector dy) {
        return dy.blend(0f, x.compare(VectorOperators.LE, 0f));
    }

    static DoubleVector reluGradient(DoubleVector x, DoubleVector dy) {
        return dy.blend(0d, x.compare(VectorOperators.LE, 0d));
    }

    static FloatVector leakyRelu(FloatVector x, float alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    static DoubleVector leakyRelu(DoubleVector x, double alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0d));
    }

    static FloatVector leakyReluGradient(FloatVector x, FloatVector dy, float alpha) {
        return dy.mul(alpha).blend(dy, x.compare(VectorOperators.GT, 0f));
    }

    static DoubleVector leakyReluGradient(DoubleVector x, DoubleVector dy, double alpha) {
        return dy.mul(alpha).blend(dy, x.compare(VectorOperators.GT, 0d));
    }

    // Hardtanh: min <= max, so no lane is both below min and above max; NaN is neither.

    static FloatVector hardtanh(FloatVector x, float min, float max) {
        return x.blend(min, x.compare(VectorOperators.LT, min)).blend(max, x.compare(VectorOperators.GT, max));
    }

    static DoubleVector hardtanh(DoubleVector x, double min, double max) {
        return x.blend(min, x.compare(VectorOperators.LT, min)).blend(max, x.compare(VectorOperators.GT, max));
    }

    static FloatVector hardtanhGradient(FloatVector x, FloatVector dy, float min, float max) {
        return dy.blend(0f, x.compare(VectorOperators.LE, min).or(x.compare(VectorOperators.GE, max)));
    }

    static DoubleVector hardtanhGradient(DoubleVector x, DoubleVector dy, double min, double max) {
        return dy.blend(0d, x.compare(VectorOperators.LE, min).or(x.compare(VectorOperators.GE, max)));
    }

    static FloatVector threshold(FloatVector x, float threshold, float value) {
        return x.blend(value, x.compare(VectorOperators.LE, threshold));
    }

    static DoubleVector threshold(DoubleVector x, double threshold, double value) {
        return x.blend(value, x.compare(VectorOperators.LE, threshold));
    }

    static FloatVector thresholdGradient(FloatVector x, FloatVector dy, float threshold, float value) {
        return dy.blend(0f, x.compare(VectorOperators.LE, threshold));
    }

    static DoubleVector thresholdGradient(DoubleVector x, DoubleVector dy, double threshold, double value) {
        return dy.blend(0d, x.compare(VectorOperators.LE, threshold));
    }
}
