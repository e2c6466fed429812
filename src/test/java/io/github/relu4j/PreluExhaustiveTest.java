package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PReLU forward and input gradient over all 2^32 float bit patterns of {@code x}, at two slopes
 * (0.25, PyTorch's initial slope, and 0.01), in both layouts, through each kernel that computes
 * them: {@code forward}, {@code inputGradient} and the fused {@code backward} (its {@code dx}),
 * on the vector kernels on arrays and on native segments (the reference is {@link PreluTest}'s
 * concern), against {@link Oracle}'s Leaky ReLU bits at the element's slope, {@code dy} fixed at
 * a value whose products round.
 *
 * <p>Each chunk of 64 Ki patterns is shaped as a channels-first {@code [16, 2, 2048]} tensor
 * (slopes {0.25, 0.01}) and as a channels-last {@code [2048, 32]} one (slopes alternating): whole
 * vectors of slopes at every width. Every pattern goes through every kernel in both layouts, at
 * the slope its channel has; the full suite ({@link Suite}) runs each chunk again with the slopes
 * swapped, so that every pattern meets both in each layout (the default leaves that out: it
 * doubles the test's time). Outputs are pre-filled with the expected bits flipped, so an
 * element never written cannot pass; the slope gradient is left to {@link PreluTest} and
 * {@link PreluSumTest}.
 */
@Tag("exhaustive")
class PreluExhaustiveTest {
    private static final int CHUNK = 1 << 16;
    private static final int CHUNKS = (int) ((1L << 32) / CHUNK);
    private static final float A = 0.25f;
    private static final float B = 0.01f;
    private static final float DY = Float.intBitsToFloat(FloatSweep.ORDINARY_DY);
    /** The slope orders each chunk runs in: both in the full suite. */
    private static final int ORDERS = Suite.full() ? 2 : 1;

    @Test
    void everyFloatThroughEveryLayoutAndKernel() throws InterruptedException {
        OnEveryCore.Run run = OnEveryCore.check("exhaustive PReLU", CHUNKS, arena -> {
            Worker worker = new Worker(arena);
            return chunk -> worker.check(chunk * CHUNK);
        });
        assertEquals(1L << 32, run.checked(), "bit patterns checked");
        System.out.printf("exhaustive PReLU: 2^32 patterns x 2 layouts x %d slope order(s) x 3 kernels x 2 storages"
                + " in %.1f s on %d threads%n", ORDERS, run.seconds(), run.threads());
    }

    private static final class Worker {
        private final float[] x = new float[CHUNK];
        private final float[] dy = new float[CHUNK];
        private final float[] out = new float[CHUNK];
        private final float[] prefill = new float[CHUNK];
        private final float[] dw = new float[32];
        private final MemorySegment xs;
        private final MemorySegment dys;
        private final MemorySegment outs;
        /** Oracle bits per slope: forward and input gradient. */
        private final long[][] forward = new long[2][CHUNK];
        private final long[][] gradient = new long[2][CHUNK];
        private final long[] bits = new long[CHUNK];
        private final long[] dyBits = new long[CHUNK];
        private final int[] expected = new int[CHUNK];
        private final Prelu[] layouts = {
            Prelu.channelsFirst(2, 2048), Prelu.channelsLast(32)
        };

        Worker(Arena arena) {
            xs = arena.allocate(4L * CHUNK, 64);
            dys = arena.allocate(4L * CHUNK, 64);
            outs = arena.allocate(4L * CHUNK, 64);
            Arrays.fill(dy, DY);
            Arrays.fill(dyBits, Integer.toUnsignedLong(Float.floatToRawIntBits(DY)));
            MemorySegment.copy(dy, 0, dys, ValueLayout.JAVA_FLOAT, 0, CHUNK);
        }

        long check(int base) {
            for (int i = 0; i < CHUNK; i++) {
                x[i] = Float.intBitsToFloat(base + i);
                bits[i] = Integer.toUnsignedLong(base + i);
            }
            MemorySegment.copy(x, 0, xs, ValueLayout.JAVA_FLOAT, 0, CHUNK);
            float[] slopes = {A, B};
            for (int s = 0; s < 2; s++) {
                Oracle.forward(Op.LEAKY_RELU, Element.FLOAT, slopes[s], 0, bits, forward[s], CHUNK);
                Oracle.backward(Op.LEAKY_RELU, Element.FLOAT, slopes[s], 0, bits, dyBits, gradient[s], CHUNK);
            }
            for (Prelu prelu : layouts) {
                boolean last = prelu.isChannelsLast();
                int channels = prelu.channels();
                int n = (int) (CHUNK / prelu.groupSize());
                for (int swap = 0; swap < ORDERS; swap++) {
                    float[] w = new float[channels];
                    for (int c = 0; c < channels; c++) {
                        w[c] = slopes[(c + swap) & 1];
                    }
                    Prelu p = prelu.on(Engine.vector());
                    // The channel's parity picks the slope: i / 2048 % 2 channels-first, i % 32 % 2 channels-last.
                    int shift = last ? 0 : 11;
                    for (long[][] oracle : List.of(forward, gradient)) {
                        long[] even = oracle[swap];
                        long[] odd = oracle[swap ^ 1];
                        for (int i = 0; i < CHUNK; i++) {
                            int e = (int) (((i >> shift) & 1) == 0 ? even[i] : odd[i]);
                            expected[i] = e;
                            prefill[i] = Float.intBitsToFloat(e ^ 1);
                        }
                        // forward; or the input gradient alone and the fused backward's dx, on the same expectation
                        for (int kernel = oracle == forward ? 0 : 1; kernel <= (oracle == forward ? 0 : 2); kernel++) {
                            System.arraycopy(prefill, 0, out, 0, CHUNK);
                            switch (kernel) {
                                case 0 -> p.forward(x, 0, out, 0, n, w, 0);
                                case 1 -> p.inputGradient(x, 0, dy, 0, out, 0, n, w, 0);
                                default -> p.backward(x, 0, dy, 0, out, 0, n, w, 0, dw, 0);
                            }
                            compare(p, kernel, "arrays", MemorySegment.ofArray(out), base);
                            MemorySegment.copy(prefill, 0, outs, ValueLayout.JAVA_FLOAT, 0, CHUNK);
                            switch (kernel) {
                                case 0 -> p.forwardF32(xs, 0, outs, 0, n, w, 0);
                                case 1 -> p.inputGradientF32(xs, 0, dys, 0, outs, 0, n, w, 0);
                                default -> p.backwardF32(xs, 0, dys, 0, outs, 0, n, w, 0, dw, 0);
                            }
                            compare(p, kernel, "native segments", outs, base);
                        }
                    }
                }
            }
            return CHUNK;
        }

        private void compare(Prelu p, int kernel, String where, MemorySegment actual, int base) {
            long at = MemorySegment.ofArray(expected).mismatch(actual);
            if (at >= 0) {
                int i = (int) (at / 4);
                throw new AssertionError(p + " " + (kernel == 0 ? "forward" : kernel == 1 ? "inputGradient"
                        : "backward (dx)") + " on " + where + ": x=0x" + Integer.toHexString(base + i) + " expected 0x"
                        + Integer.toHexString(expected[i]) + " but was 0x"
                        + Integer.toHexString(actual.getAtIndex(ValueLayout.JAVA_INT, i)));
            }
        }
    }
}
