package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernels. This is the only class that names a {@code jdk.incubator.vector}
 * type, and nothing loads it until {@link KernelSelector} has seen that the module is readable.
 *
 * <p>Every kernel has one shape: a main loop over whole vectors up to {@code loopBound}, then at
 * most one masked vector for the tail. Each lane computes the scalar formula as compare + blend,
 * so NaN, -0.0 and payloads come out as in {@link ScalarReluKernels}: a blend moves bits
 * unchanged, and the lanes that multiply do the same IEEE multiply as the scalar code.
 */
final class VectorReluKernels extends CheckedReluKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    static final VectorReluKernels INSTANCE = new VectorReluKernels();

    private VectorReluKernels() {}

    /** The preferred vector width of this JVM and CPU, in bits. */
    static int preferredBitSize() {
        return F.vectorBitSize();
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String toString() {
        return "vector (" + F.vectorBitSize() + "-bit: " + F.length() + " float / " + D.length() + " double lanes)";
    }

    // The lane functions: the scalar definitions as compare + blend.

    private static FloatVector relu(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LT, 0f));
    }

    private static DoubleVector relu(DoubleVector x) {
        return x.blend(0d, x.compare(VectorOperators.LT, 0d));
    }

    private static FloatVector reluGradient(FloatVector x, FloatVector dy) {
        return dy.blend(0f, x.compare(VectorOperators.LE, 0f));
    }

    private static DoubleVector reluGradient(DoubleVector x, DoubleVector dy) {
        return dy.blend(0d, x.compare(VectorOperators.LE, 0d));
    }

    private static FloatVector leakyRelu(FloatVector x, float alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    private static DoubleVector leakyRelu(DoubleVector x, double alpha) {
        return x.mul(alpha).blend(x, x.compare(VectorOperators.GT, 0d));
    }

    private static FloatVector leakyReluGradient(FloatVector x, FloatVector dy, float alpha) {
        return dy.mul(alpha).blend(dy, x.compare(VectorOperators.GT, 0f));
    }

    private static DoubleVector leakyReluGradient(DoubleVector x, DoubleVector dy, double alpha) {
        return dy.mul(alpha).blend(dy, x.compare(VectorOperators.GT, 0d));
    }

    // The kernels.

    @Override
    void uncheckedReluForward(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = F.loopBound(length); i < bound; i += F.length()) {
            relu(FloatVector.fromArray(F, x, xOffset + i)).intoArray(y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            relu(FloatVector.fromArray(F, x, xOffset + i, m)).intoArray(y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedReluForward(double[] x, int xOffset, double[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = D.loopBound(length); i < bound; i += D.length()) {
            relu(DoubleVector.fromArray(D, x, xOffset + i)).intoArray(y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            relu(DoubleVector.fromArray(D, x, xOffset + i, m)).intoArray(y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                               int length) {
        int i = 0;
        for (int bound = F.loopBound(length); i < bound; i += F.length()) {
            reluGradient(FloatVector.fromArray(F, x, xOffset + i), FloatVector.fromArray(F, dy, dyOffset + i))
                    .intoArray(dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            reluGradient(FloatVector.fromArray(F, x, xOffset + i, m), FloatVector.fromArray(F, dy, dyOffset + i, m))
                    .intoArray(dx, dxOffset + i, m);
        }
    }

    @Override
    void uncheckedReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx, int dxOffset,
                               int length) {
        int i = 0;
        for (int bound = D.loopBound(length); i < bound; i += D.length()) {
            reluGradient(DoubleVector.fromArray(D, x, xOffset + i), DoubleVector.fromArray(D, dy, dyOffset + i))
                    .intoArray(dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            reluGradient(DoubleVector.fromArray(D, x, xOffset + i, m), DoubleVector.fromArray(D, dy, dyOffset + i, m))
                    .intoArray(dx, dxOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluForward(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        int i = 0;
        for (int bound = F.loopBound(length); i < bound; i += F.length()) {
            leakyRelu(FloatVector.fromArray(F, x, xOffset + i), alpha).intoArray(y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            leakyRelu(FloatVector.fromArray(F, x, xOffset + i, m), alpha).intoArray(y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluForward(double[] x, int xOffset, double[] y, int yOffset, int length, double alpha) {
        int i = 0;
        for (int bound = D.loopBound(length); i < bound; i += D.length()) {
            leakyRelu(DoubleVector.fromArray(D, x, xOffset + i), alpha).intoArray(y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            leakyRelu(DoubleVector.fromArray(D, x, xOffset + i, m), alpha).intoArray(y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
                                    int length, float alpha) {
        int i = 0;
        for (int bound = F.loopBound(length); i < bound; i += F.length()) {
            leakyReluGradient(FloatVector.fromArray(F, x, xOffset + i), FloatVector.fromArray(F, dy, dyOffset + i),
                    alpha).intoArray(dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            leakyReluGradient(FloatVector.fromArray(F, x, xOffset + i, m),
                    FloatVector.fromArray(F, dy, dyOffset + i, m), alpha).intoArray(dx, dxOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluBackward(double[] x, int xOffset, double[] dy, int dyOffset, double[] dx,
                                    int dxOffset, int length, double alpha) {
        int i = 0;
        for (int bound = D.loopBound(length); i < bound; i += D.length()) {
            leakyReluGradient(DoubleVector.fromArray(D, x, xOffset + i), DoubleVector.fromArray(D, dy, dyOffset + i),
                    alpha).intoArray(dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            leakyReluGradient(DoubleVector.fromArray(D, x, xOffset + i, m),
                    DoubleVector.fromArray(D, dy, dyOffset + i, m), alpha).intoArray(dx, dxOffset + i, m);
        }
    }

    // Segments: the same shapes, with element indices turned into byte offsets by the helpers below.

    @Override
    void uncheckedReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        long i = 0;
        for (long bound = F.loopBound(length); i < bound; i += F.length()) {
            store(relu(floats(x, xOffset + i)), y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            store(relu(floats(x, xOffset + i, m)), y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length) {
        long i = 0;
        for (long bound = D.loopBound(length); i < bound; i += D.length()) {
            store(relu(doubles(x, xOffset + i)), y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            store(relu(doubles(x, xOffset + i, m)), y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                    MemorySegment dx, long dxOffset, long length) {
        long i = 0;
        for (long bound = F.loopBound(length); i < bound; i += F.length()) {
            store(reluGradient(floats(x, xOffset + i), floats(dy, dyOffset + i)), dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            store(reluGradient(floats(x, xOffset + i, m), floats(dy, dyOffset + i, m)), dx, dxOffset + i, m);
        }
    }

    @Override
    void uncheckedReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                     MemorySegment dx, long dxOffset, long length) {
        long i = 0;
        for (long bound = D.loopBound(length); i < bound; i += D.length()) {
            store(reluGradient(doubles(x, xOffset + i), doubles(dy, dyOffset + i)), dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            store(reluGradient(doubles(x, xOffset + i, m), doubles(dy, dyOffset + i, m)), dx, dxOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluForwardFloat(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                        float alpha) {
        long i = 0;
        for (long bound = F.loopBound(length); i < bound; i += F.length()) {
            store(leakyRelu(floats(x, xOffset + i), alpha), y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            store(leakyRelu(floats(x, xOffset + i, m), alpha), y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluForwardDouble(MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                                         double alpha) {
        long i = 0;
        for (long bound = D.loopBound(length); i < bound; i += D.length()) {
            store(leakyRelu(doubles(x, xOffset + i), alpha), y, yOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            store(leakyRelu(doubles(x, xOffset + i, m), alpha), y, yOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluBackwardFloat(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                         MemorySegment dx, long dxOffset, long length, float alpha) {
        long i = 0;
        for (long bound = F.loopBound(length); i < bound; i += F.length()) {
            store(leakyReluGradient(floats(x, xOffset + i), floats(dy, dyOffset + i), alpha), dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = F.indexInRange(i, length);
            store(leakyReluGradient(floats(x, xOffset + i, m), floats(dy, dyOffset + i, m), alpha), dx, dxOffset + i, m);
        }
    }

    @Override
    void uncheckedLeakyReluBackwardDouble(MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                                          MemorySegment dx, long dxOffset, long length, double alpha) {
        long i = 0;
        for (long bound = D.loopBound(length); i < bound; i += D.length()) {
            store(leakyReluGradient(doubles(x, xOffset + i), doubles(dy, dyOffset + i), alpha), dx, dxOffset + i);
        }
        if (i < length) {
            VectorMask<Double> m = D.indexInRange(i, length);
            store(leakyReluGradient(doubles(x, xOffset + i, m), doubles(dy, dyOffset + i, m), alpha), dx, dxOffset + i, m);
        }
    }

    // Segment access by element index, native byte order; the Vector API needs no alignment.

    private static FloatVector floats(MemorySegment s, long index) {
        return FloatVector.fromMemorySegment(F, s, index * Float.BYTES, ORDER);
    }

    private static FloatVector floats(MemorySegment s, long index, VectorMask<Float> m) {
        return FloatVector.fromMemorySegment(F, s, index * Float.BYTES, ORDER, m);
    }

    private static DoubleVector doubles(MemorySegment s, long index) {
        return DoubleVector.fromMemorySegment(D, s, index * Double.BYTES, ORDER);
    }

    private static DoubleVector doubles(MemorySegment s, long index, VectorMask<Double> m) {
        return DoubleVector.fromMemorySegment(D, s, index * Double.BYTES, ORDER, m);
    }

    private static void store(FloatVector v, MemorySegment s, long index) {
        v.intoMemorySegment(s, index * Float.BYTES, ORDER);
    }

    private static void store(FloatVector v, MemorySegment s, long index, VectorMask<Float> m) {
        v.intoMemorySegment(s, index * Float.BYTES, ORDER, m);
    }

    private static void store(DoubleVector v, MemorySegment s, long index) {
        v.intoMemorySegment(s, index * Double.BYTES, ORDER);
    }

    private static void store(DoubleVector v, MemorySegment s, long index, VectorMask<Double> m) {
        v.intoMemorySegment(s, index * Double.BYTES, ORDER, m);
    }
}
