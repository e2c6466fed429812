package io.github.relu4j;

import java.lang.foreign.MemorySegment;

/**
 * One thread's staging buffers for the loops that stage chunks, {@link PortableLoops} and the
 * binary16 products ({@link F16Products}): a chunk of elements is copied in as
 * bits, computed on, and copied out. Regions: {@code ints}/{@code longs} hold up to three operands
 * of {@link #CHUNK} elements (x, dy, a product), {@code floats}/{@code doubles} one operand as
 * numbers (for the product); each array has a segment over it, for the copies; {@code shorts}
 * three chunks of 16-bit encodings. 27 KiB in all,
 * allocated on a thread's first portable call and kept with the thread (a {@link ThreadLocal}):
 * no later call allocates. Chunks of 512 elements ran Leaky ReLU on doubles faster than chunks of
 * 2048 at 16 Ki (8.4 against 13.8 µs; floats the same within noise) and keep the buffers in L1.
 */
final class PortableScratch {
    /** Elements per chunk. */
    static final int CHUNK = 512;

    private static final ThreadLocal<PortableScratch> SCRATCH = ThreadLocal.withInitial(PortableScratch::new);

    final int[] ints = new int[3 * CHUNK];
    final float[] floats = new float[CHUNK];
    final long[] longs = new long[3 * CHUNK];
    final double[] doubles = new double[CHUNK];
    final short[] shorts = new short[3 * CHUNK];
    final MemorySegment intsSegment = MemorySegment.ofArray(ints);
    final MemorySegment floatsSegment = MemorySegment.ofArray(floats);
    final MemorySegment longsSegment = MemorySegment.ofArray(longs);
    final MemorySegment doublesSegment = MemorySegment.ofArray(doubles);
    final MemorySegment shortsSegment = MemorySegment.ofArray(shorts);

    private PortableScratch() {}

    static PortableScratch get() {
        return SCRATCH.get();
    }
}
