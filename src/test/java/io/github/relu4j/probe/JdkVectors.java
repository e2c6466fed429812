package io.github.relu4j.probe;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The JDK's Vector API on segments, without relu4j: the reproducer of the upstream crash. */
final class JdkVectors {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private JdkVectors() {}

    static void relu(MemorySegment x, MemorySegment y) {
        long n = x.byteSize() / Float.BYTES;
        long bound = SPECIES.loopBound(n);
        for (long i = 0; i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromMemorySegment(SPECIES, x, i * Float.BYTES, ByteOrder.nativeOrder());
            v.max(0f).intoMemorySegment(y, i * Float.BYTES, ByteOrder.nativeOrder());
        }
    }
}
