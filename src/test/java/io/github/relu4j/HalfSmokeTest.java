package io.github.relu4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HalfSmokeTest {
    @Test
    void vectorAgreesWithScalar() {
        short[] x = new short[65536 + 7];
        for (int i = 0; i < x.length; i++) x[i] = (short) i;
        short[] dy = new short[x.length];
        var r = new java.util.SplittableRandom(1);
        for (int i = 0; i < dy.length; i++) dy[i] = (short) r.nextInt();
        for (Format f : new Format[] {Format.BF16, Format.F16}) {
            for (Op op : Op.values()) {
                double p = op == Op.LEAKY_RELU ? 0.01 : op == Op.HARDTANH ? -1.5 : 0.3;
                double q = op == Op.HARDTANH ? 6 : -2.7;
                for (boolean back : new boolean[] {false, true}) {
                    short[] a = new short[x.length], b = new short[x.length];
                    if (back) {
                        ScalarLoops.INSTANCE.map2(op, f, x, 0, dy, 0, a, 0, x.length, p, q);
                        VectorLoops.INSTANCE.map2(op, f, x, 0, dy, 0, b, 0, x.length, p, q);
                    } else {
                        ScalarLoops.INSTANCE.map1(op, f, x, 0, a, 0, x.length, p, q);
                        VectorLoops.INSTANCE.map1(op, f, x, 0, b, 0, x.length, p, q);
                    }
                    int bad = 0; int first = -1;
                    for (int i = 0; i < a.length; i++) if (a[i] != b[i]) { bad++; if (first < 0) first = i; }
                    assertEquals(0, bad, f + " " + op + " back=" + back + " first " + Integer.toHexString(first & 0xFFFF)
                            + (first >= 0 ? " scalar " + Integer.toHexString(a[first] & 0xFFFF) + " vector " + Integer.toHexString(b[first] & 0xFFFF) + " dy " + Integer.toHexString(dy[first] & 0xFFFF) : ""));
                }
            }
        }
    }

    @Test
    void conversionsAgree() {
        // every float bit pattern with a stride: vector narrowing == scalar narrowing
        int n = 1 << 20;
        float[] v = new float[n];
        short[] s = new short[n];
        for (Format f : new Format[] {Format.BF16, Format.F16}) {
            for (long base = 0; base < (1L << 32); base += n * 4093L) {
                for (int i = 0; i < n; i++) v[i] = Float.intBitsToFloat((int) (base + i * 4093L));
                for (int i = 0; i < n; i += 16) {
                    var fv = jdk.incubator.vector.FloatVector.fromArray(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED, v, i);
                    (f == Format.BF16 ? VectorHalves.floatToBF16(fv) : VectorHalves.floatToF16(fv)).intoArray(s, i);
                }
                for (int i = 0; i < n; i++) {
                    short e = Halves.round(f, v[i]);
                    if (e != s[i]) {
                        assertEquals(Integer.toHexString(e & 0xFFFF), Integer.toHexString(s[i] & 0xFFFF), f + " of " + Integer.toHexString(Float.floatToRawIntBits(v[i])));
                    }
                }
            }
            // widening: all 65536
            short[] h = new short[65536];
            for (int i = 0; i < h.length; i++) h[i] = (short) i;
            float[] w = new float[65536];
            for (int i = 0; i < h.length; i += 16) {
                var hv = jdk.incubator.vector.ShortVector.fromArray(VectorHalves.HALF, h, i);
                (f == Format.BF16 ? VectorHalves.bf16ToFloat(hv) : VectorHalves.f16ToFloat(hv)).intoArray(w, i);
            }
            for (int i = 0; i < h.length; i++) {
                float e = Halves.toFloat(f, h[i]);
                assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(w[i]), f + " widen " + Integer.toHexString(i));
            }
        }
    }
}
