package io.github.relu4j;

/**
 * The contract's lane functions without a branch, on the encodings, for JVMs without the Vector
 * API module ({@link PortableLoops}, generated, runs them). The reference ({@link ScalarLanes}) is
 * a comparison and a branch per element, which C2 often keeps as a branch: on inputs of random
 * sign it mispredicts half the time. Here every comparison is integer arithmetic on the bits that
 * yields an all-ones or all-zeros mask, and the result is selected with {@code &} and {@code |}.
 *
 * <p>Why bits in and bits out: C2's auto-vectoriser turns a loop of integer arithmetic over an
 * {@code int[]} into SIMD code, but in JDK 25 it does not vectorise
 * {@code Float.floatToRawIntBits} and its kin (JDK-8329077 adds that), and {@code Math.max} is not
 * the contract ({@code max(-0.0, 0.0)} is 0.0; ReLU keeps -0.0). So {@link PortableLoops} copies
 * a chunk of elements into an {@code int[]} (a memory copy, which reinterprets nothing), runs these
 * functions over it, and copies the result out. A product ({@code x * alpha}) is computed in
 * float by the loop, which C2 vectorises too, and arrives here as bits.
 *
 * <p>The encodings: for a float with bits {@code b} (read as a signed int), {@code x < 0} exactly
 * when {@code b} is in [0x80000001, 0xFF800000] (negative, not -0.0, not NaN), {@code x > 0} when
 * in [1, 0x7F800000], NaN when {@code b & 0x7FFFFFFF > 0x7F800000}. Comparisons with a parameter
 * use {@link #key(int)}, an integer that orders non-NaN floats as {@code <} does (both zeros map
 * to 0). Doubles likewise with longs. These functions are proven against the reference by the
 * same exhaustive and random sweeps as the vector kernels.
 */
final class PortableLanes {
    private static final int F_ABS = 0x7FFFFFFF;
    private static final int F_INF = 0x7F800000;
    private static final long D_ABS = 0x7FFFFFFFFFFFFFFFL;
    private static final long D_INF = 0x7FF0000000000000L;

    private PortableLanes() {}

    // --- float masks: -1 (all ones) where the comparison holds, 0 where it does not -------------

    /** x is NaN. */
    static int nan(int b) {
        return (F_INF - (b & F_ABS)) >> 31;
    }

    /** x &lt; 0: b in [0x80000001, 0xFF800000], i.e. b - 0x80000001 in [0, 0x7F800000). */
    static int negative(int b) {
        int u = b - 0x80000001;
        return (~u & (u - F_INF)) >> 31;
    }

    /** x &gt; 0: b in [1, 0x7F800000], i.e. b - 1 in [0, 0x7F800000). */
    static int positive(int b) {
        int u = b - 1;
        return (~u & (u - F_INF)) >> 31;
    }

    /** An int that orders the non-NaN floats as {@code <} does, with -0.0 and 0.0 both 0: sign and magnitude to two's complement. */
    static int key(int b) {
        int sign = b >> 31;
        return (b ^ (sign & F_ABS)) - sign;
    }

    /**
     * a &lt; c as signed ints, for any a and c: the halves' difference cannot overflow, and when
     * the halves are equal the low bits decide. (The textbook {@code (d ^ ((a ^ c) & (d ^ a))) >> 31}
     * is as exact, but C2 did not vectorise loops using it twice.)
     */
    static int less(int a, int c) {
        return ((a >> 1) - (c >> 1) - (~a & c & 1)) >> 31;
    }

    /** x &lt;= c for a non-NaN parameter c given as its key; false for NaN x. */
    static int atMost(int b, int keyC) {
        return ~less(keyC, key(b)) & ~nan(b);
    }

    // --- float lanes: bits in, bits out; parameters as bits too (their keys are loop invariants,
    // which C2 computes once per loop) ------------------------------------------------------------

    static int relu(int x) {
        return x & ~negative(x);
    }

    static int reluGradient(int x, int dy) {
        return dy & (positive(x) | nan(x)); // x <= 0 ? 0 : dy, and NaN x passes dy
    }

    /** {@code product}: the bits of {@code x * alpha}, computed in float by the loop. */
    static int leakyRelu(int x, int product, int alpha) {
        int p = positive(x);
        return (x & p) | (product & ~p);
    }

    /** {@code product}: the bits of {@code dy * alpha}. */
    static int leakyReluGradient(int x, int dy, int product, int alpha) {
        int p = positive(x);
        return (dy & p) | (product & ~p);
    }

    static int hardtanh(int x, int min, int max) {
        int k = key(x);
        int ordinary = ~nan(x);
        int below = less(k, key(min)) & ordinary;
        int above = less(key(max), k) & ordinary & ~below;
        return (min & below) | (max & above) | (x & ~(below | above));
    }

    static int hardtanhGradient(int x, int dy, int min, int max) {
        int k = key(x);
        int ordinary = ~nan(x);
        int atOrBelow = ~less(key(min), k) & ordinary;
        int atOrAbove = ~less(k, key(max)) & ordinary;
        return dy & ~(atOrBelow | atOrAbove);
    }

    static int threshold(int x, int threshold, int value) {
        int replace = atMost(x, key(threshold));
        return (value & replace) | (x & ~replace);
    }

    static int thresholdGradient(int x, int dy, int threshold, int value) {
        return dy & ~atMost(x, key(threshold));
    }

    // --- double masks, as the float ones with 64-bit encodings --------------------------------

    static long nan(long b) {
        return (D_INF - (b & D_ABS)) >> 63;
    }

    static long negative(long b) {
        long u = b - 0x8000000000000001L;
        return (~u & (u - D_INF)) >> 63;
    }

    static long positive(long b) {
        long u = b - 1;
        return (~u & (u - D_INF)) >> 63;
    }

    static long key(long b) {
        long sign = b >> 63;
        return (b ^ (sign & D_ABS)) - sign;
    }

    static long less(long a, long c) {
        return ((a >> 1) - (c >> 1) - (~a & c & 1)) >> 63;
    }

    static long atMost(long b, long keyC) {
        return ~less(keyC, key(b)) & ~nan(b);
    }

    // --- double lanes ---------------------------------------------------------------------------

    static long relu(long x) {
        return x & ~negative(x);
    }

    static long reluGradient(long x, long dy) {
        return dy & (positive(x) | nan(x));
    }

    static long leakyRelu(long x, long product, long alpha) {
        long p = positive(x);
        return (x & p) | (product & ~p);
    }

    static long leakyReluGradient(long x, long dy, long product, long alpha) {
        long p = positive(x);
        return (dy & p) | (product & ~p);
    }

    static long hardtanh(long x, long min, long max) {
        long k = key(x);
        long ordinary = ~nan(x);
        long below = less(k, key(min)) & ordinary;
        long above = less(key(max), k) & ordinary & ~below;
        return (min & below) | (max & above) | (x & ~(below | above));
    }

    static long hardtanhGradient(long x, long dy, long min, long max) {
        long k = key(x);
        long ordinary = ~nan(x);
        long atOrBelow = ~less(key(min), k) & ordinary;
        long atOrAbove = ~less(k, key(max)) & ordinary;
        return dy & ~(atOrBelow | atOrAbove);
    }

    static long threshold(long x, long threshold, long value) {
        long replace = atMost(x, key(threshold));
        return (value & replace) | (x & ~replace);
    }

    static long thresholdGradient(long x, long dy, long threshold, long value) {
        return dy & ~atMost(x, key(threshold));
    }
}
