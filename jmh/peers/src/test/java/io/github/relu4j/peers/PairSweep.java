package io.github.relu4j.peers;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.IValue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every pair of a set of {@code x} encodings and a list of {@code dy} encodings, in chunks of at
 * most {@code maxElements}: a chunk is {@code blocks} copies of the {@code x} set, each against
 * one {@code dy}, so {@code x} is written once and only {@code dy} changes from chunk to chunk.
 * The last chunk's surplus blocks wrap round to the first {@code dy} values again (pairs
 * compared twice, none missed). relu4j reads native segments; PyTorch reads {@link Carrier}s over
 * the same encodings, {@code x} contiguous and strided ({@link PyTorchKernels#input}, step 1 and
 * 2), {@code dy} contiguous.
 */
final class PairSweep implements AutoCloseable {
    final HalfFormat format;
    final short[] xSet;
    final short[] dyList;
    final int blocks;
    final int length;
    final MemorySegment x;
    final MemorySegment dy;
    private final Arena arena = Arena.ofShared();
    private final PyTorchKernels torch;
    private final Carrier xContiguous;
    private final Carrier xStrided;
    private final Carrier dyCarrier;

    PairSweep(NDManager manager, PyTorchKernels torch, HalfFormat format, short[] xSet, short[] dyList,
            int maxElements) {
        this.format = format;
        this.xSet = xSet;
        this.dyList = dyList;
        this.torch = torch;
        blocks = Math.max(1, Math.min(dyList.length, maxElements / xSet.length));
        length = blocks * xSet.length;
        x = arena.allocate((long) length * Short.BYTES, 64);
        dy = arena.allocate((long) length * Short.BYTES, 64);
        xContiguous = new Carrier(manager, format, length);
        xStrided = new Carrier(manager, format, 2 * length);
        dyCarrier = new Carrier(manager, format, length);
        for (int i = 0; i < length; i++) {
            short bits = xSet[i % xSet.length];
            x.setAtIndex(ValueLayout.JAVA_SHORT, i, bits);
            xContiguous.set(i, bits);
            xStrided.set(2L * i, bits);
            xStrided.set(2L * i + 1, bits);
        }
    }

    int chunks() {
        return (dyList.length + blocks - 1) / blocks;
    }

    /** Distinct (x, dy) pairs over all chunks. */
    long pairs() {
        return (long) xSet.length * dyList.length;
    }

    /** Writes chunk {@code c}'s {@code dy}, on both sides. */
    void fill(int c) {
        for (int b = 0; b < blocks; b++) {
            short bits = dyList[(c * blocks + b) % dyList.length];
            int from = b * xSet.length;
            for (int i = from; i < from + xSet.length; i++) {
                dy.setAtIndex(ValueLayout.JAVA_SHORT, i, bits);
                dyCarrier.set(i, bits);
            }
        }
    }

    /** PyTorch's {@code x} in the format, contiguous (step 1) or strided (step 2); the caller closes it. */
    IValue torchX(int step) {
        return torch.input(step == 1 ? xContiguous.tensor : xStrided.tensor, format, step);
    }

    /** PyTorch's {@code dy} of the chunk last filled, in the format; the caller closes it. */
    IValue torchDy() {
        return torch.input(dyCarrier.tensor, format, 1);
    }

    @Override
    public void close() {
        xContiguous.close();
        xStrided.close();
        dyCarrier.close();
        arena.close();
    }
}
