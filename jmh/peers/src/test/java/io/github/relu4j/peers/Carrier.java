package io.github.relu4j.peers;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A PyTorch tensor over memory this side writes: DJL's {@code from_blob} on a direct buffer, so
 * PyTorch reads whatever {@link #set} last wrote, with no copy.
 */
final class Carrier implements AutoCloseable {
    private final HalfFormat format;
    private final ByteBuffer buffer;
    private final MemorySegment memory;
    final PtNDArray tensor;

    Carrier(NDManager manager, HalfFormat format, int length) {
        this.format = format;
        buffer = ByteBuffer.allocateDirect(length * format.carrierBytes()).order(ByteOrder.nativeOrder());
        memory = MemorySegment.ofBuffer(buffer);
        tensor = (PtNDArray) manager.create(buffer, new Shape(length), format.carrier);
    }

    /** Element {@code i} is the encoding {@code bits}. */
    void set(long i, short bits) {
        format.toCarrier(memory, i, bits);
    }

    @Override
    public void close() {
        tensor.close();
    }
}
