package io.github.relu4j.study;

/**
 * Plain-Java matrix products on row-major arrays. Each innermost loop runs along a row of the
 * output with unit stride, so C2 vectorises it; the sums' order is fixed, so results are
 * deterministic. No blocking: the study's matrices fit in L1/L2.
 */
final class Gemm {
    private Gemm() {}

    /** c[m, n] = a[m, k] · b[k, n]. */
    static void multiply(float[] a, float[] b, float[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            java.util.Arrays.fill(c, ci, ci + n, 0f);
            for (int p = 0; p < k; p++) {
                float av = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    /** c[k, n] = a[m, k]ᵀ · b[m, n]: the weight gradient, inputs by output gradients over a batch of m. */
    static void multiplyTransposedA(float[] a, float[] b, float[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, k * n, 0f);
        for (int i = 0; i < m; i++) {
            int bi = i * n;
            for (int p = 0; p < k; p++) {
                float av = a[i * k + p];
                int cp = p * n;
                for (int j = 0; j < n; j++) {
                    c[cp + j] += av * b[bi + j];
                }
            }
        }
    }

    /** t[n, m] = aᵀ for a[m, n]. */
    static void transpose(float[] a, float[] t, int m, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j * m + i] = a[i * n + j];
            }
        }
    }

    /** Floating-point operations of {@link #multiply}: a multiply and an add per term. */
    static double flops(int m, int k, int n) {
        return 2.0 * m * k * n;
    }
}
