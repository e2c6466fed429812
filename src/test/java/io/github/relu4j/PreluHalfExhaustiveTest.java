package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PReLU on every 16-bit encoding, for both formats: every {@code x} through forward, the input
 * gradient and the fused backward's {@code dx} ({@code dy} fixed at a value whose products
 * round), and every {@code dy} through the input gradient and the fused backward at {@code x} of
 * each kind (above zero, below, both zeros, both infinities, quiet and signalling NaNs), against
 * {@link PreluHalfOracle}; the fused backward's {@code dw} too. The 65,536 encodings are one
 * channels-first {@code [16, 2, 2048]} tensor and one channels-last {@code [2048, 32]} one, slopes
 * alternating by channel and then swapped, so that every encoding meets both slopes of a pair:
 * 0.25 and 0.01; 1 + 2^-8 (products on bfloat16's rounding ties) and -2^-15 (binary16's
 * subnormals and underflow); 1 + 2^-11 (binary16's ties) and 1e30 (overflow); the sweeps over
 * {@code dy} take 0.01 and 1 + 2^-11, one layout for each kind of {@code x} by turns. On the scalar
 * reference and the vector kernels, arrays and native segments. Outputs are pre-filled with the
 * expected bits flipped, so an element never written cannot pass.
 */
class PreluHalfExhaustiveTest {
    private static final int ALL = 1 << 16;
    private static final float[][] SLOPE_PAIRS = {
        {0.25f, 0.01f}, {1 + 0x1p-8f, -0x1p-15f}, {1 + 0x1p-11f, 1e30f},
    };
    /** For the sweeps over dy: a rounding product and a tie-making one. */
    private static final float[][] DY_SLOPE_PAIRS = {{0.01f, 1 + 0x1p-11f}};
    private static final List<Prelu> LAYOUTS = List.of(Prelu.channelsFirst(2, 2048), Prelu.channelsLast(32));
    /** The reference and the vector kernels (the portable engine's PReLU with more than one channel is the reference's). */
    private static final List<Engine> ENGINES = List.of(Engine.scalar(), Engine.vector());

    @Test
    void everyX() {
        short[] x = new short[ALL];
        for (int i = 0; i < ALL; i++) {
            x[i] = (short) i;
        }
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            short[] dy = new short[ALL];
            java.util.Arrays.fill(dy, k.round(1.6666666f));
            sweep(k, x, dy, "every x", LAYOUTS, SLOPE_PAIRS);
        }
    }

    @Test
    void everyDy() {
        short[] dy = new short[ALL];
        for (int i = 0; i < ALL; i++) {
            dy[i] = (short) i;
        }
        for (PreluHalfOracle.Kind k : PreluHalfOracle.Kind.values()) {
            short inf = k.infinity;
            short[] kinds = {k.round(1.5f), k.round(-1.5f), 0, (short) 0x8000, inf, (short) (inf | 0x8000),
                (short) (inf | k.quietBit), (short) (inf | 1)};
            for (int i = 0; i < kinds.length; i++) {
                short[] x = new short[ALL];
                java.util.Arrays.fill(x, kinds[i]);
                sweep(k, x, dy, "every dy at x = " + PreluHalfOracle.hex(kinds[i]), LAYOUTS.subList(i % 2, i % 2 + 1),
                        DY_SLOPE_PAIRS);
            }
        }
    }

    /** Forward, input gradient and fused backward on every layout, slope order, engine and storage. */
    private static void sweep(PreluHalfOracle.Kind k, short[] x, short[] dy, String what, List<Prelu> layouts,
                              float[][] pairs) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocate(2L * ALL, 64);
            MemorySegment dys = arena.allocate(2L * ALL, 64);
            MemorySegment outs = arena.allocate(2L * ALL, 64);
            MemorySegment.copy(x, 0, xs, ValueLayout.JAVA_SHORT, 0, ALL);
            MemorySegment.copy(dy, 0, dys, ValueLayout.JAVA_SHORT, 0, ALL);
            short[] out = new short[ALL];
            for (Prelu layout : layouts) {
                int n = (int) (ALL / layout.groupSize());
                float[] dw = PreluHalfOracle.slopeGradient(k, layout.isChannelsLast(), layout.channels(), layout.spatial(),
                        x, dy);
                for (float[] pair : pairs) {
                    for (int swap = 0; swap < 2; swap++) {
                        float[] w = new float[layout.channels()];
                        for (int c = 0; c < w.length; c++) {
                            w[c] = pair[(c + swap) & 1];
                        }
                        boolean last = layout.isChannelsLast();
                        int channels = layout.channels();
                        int spatial = layout.spatial();
                        short[] y = PreluHalfOracle.forward(k, last, channels, spatial, x, w);
                        short[] dx = PreluHalfOracle.inputGradient(k, last, channels, spatial, x, dy, w);
                        for (Engine engine : ENGINES) {
                            Prelu p = layout.on(engine);
                            String context = k + " " + what + ", " + p + ", w " + w[0] + "/" + w[1];
                            for (PreluCall call : List.of(PreluCall.FORWARD, PreluCall.INPUT_GRADIENT,
                                    PreluCall.BACKWARD)) {
                                short[] expected = call == PreluCall.FORWARD ? y : dx;
                                float[] dwGot = new float[channels];
                                prefill(out, expected);
                                PreluHalfCall.run(call, p, k, PreluHalfCall.Where.ARRAY, x, 0, dy, 0, out, 0, n, w, 0,
                                        dwGot, 0);
                                compare(context + ", " + call + " on arrays", x, dy, expected, out);
                                checkDw(context + ", " + call + " on arrays", call, dw, dwGot);
                                prefill(out, expected);
                                MemorySegment.copy(out, 0, outs, ValueLayout.JAVA_SHORT, 0, ALL);
                                PreluHalfCall.onSegments(call, p, k, xs, 0, dys, 0, outs, 0, n, w, 0, dwGot, 0);
                                compare(context + ", " + call + " on native segments", x, dy, expected,
                                        outs.toArray(ValueLayout.JAVA_SHORT));
                                checkDw(context + ", " + call + " on native segments", call, dw, dwGot);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void prefill(short[] out, short[] expected) {
        for (int i = 0; i < ALL; i++) {
            out[i] = (short) (expected[i] ^ 1);
        }
    }

    private static void compare(String what, short[] x, short[] dy, short[] expected, short[] actual) {
        int at = java.util.Arrays.mismatch(expected, actual);
        if (at >= 0) {
            throw new AssertionError(what + ": x " + PreluHalfOracle.hex(x[at]) + ", dy " + PreluHalfOracle.hex(dy[at])
                    + " expected " + PreluHalfOracle.hex(expected[at]) + " but was " + PreluHalfOracle.hex(actual[at]));
        }
    }

    private static void checkDw(String what, PreluCall call, float[] expected, float[] actual) {
        if (call != PreluCall.BACKWARD) {
            return;
        }
        for (int c = 0; c < expected.length; c++) {
            if (!PreluHalfOracle.sameSum(expected[c], actual[c])) {
                throw new AssertionError(what + ": dw[" + c + "] expected " + expected[c] + " but was " + actual[c]);
            }
        }
    }
}
