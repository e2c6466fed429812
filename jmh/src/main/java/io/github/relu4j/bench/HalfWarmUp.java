package io.github.relu4j.bench;

import java.util.concurrent.TimeUnit;

/**
 * Before a trial of {@link HalfBenchmark}: the kernel called on short slices of the trial's own
 * arrays until C2 has compiled it, as the library's warm-up decides it (faster than the scalar
 * reference by a third, three checks in a row). Why: until then a Vector API loop runs as slow
 * Java, a fraction of a second per call of 16 Ki 16-bit elements (seconds beyond the caches), so a
 * few short warm-up iterations would measure calls that are still interpreted, and on a busy
 * machine the compilation of the conversions takes more than a second. Short calls cost little
 * before the compiler has them and count as much towards its thresholds. The timed calls take the
 * arrays' first slices in turn, so that the reference's branches cannot learn one slice's signs.
 */
final class HalfWarmUp {
    /** Elements of the untimed calls (and 3 fewer, a masked tail): whole vectors at every width. */
    private static final int SHORT = 256;
    /** Elements of the timed calls. */
    private static final int TIMED = 1024;
    /** The most slices of {@link #TIMED} elements the timed calls take in turn. */
    private static final int SLICES = 8;
    private static final int CALLS_BETWEEN_CHECKS = 256;
    private static final int FASTER_CHECKS = 3;
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(8);

    private HalfWarmUp() {}

    /** A kernel on {@code n} elements of the trial's arrays from {@code offset}. */
    interface Call {
        void run(int offset, int n);
    }

    /**
     * Calls {@code kernel} on its first elements until it is a third faster than
     * {@code reference} three checks in a row, or for at most 8 s (then it says so on stderr,
     * which JMH shows, and the trial goes on: the figures will show why).
     *
     * @param what      the kernel's name, for the message
     * @param kernel    the kernel on the trial's arrays
     * @param reference the scalar reference on the same
     * @param size      the arrays' length
     */
    static void untilCompiled(String what, Call kernel, Call reference, int size) {
        int shortCall = Math.min(SHORT, size);
        int timed = Math.min(TIMED, size);
        int slices = Math.max(1, Math.min(SLICES, size / timed));
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        int faster = 0;
        for (long call = 1; System.nanoTime() < deadline; call++) {
            kernel.run(0, (call & 1) == 0 || shortCall < 4 ? shortCall : shortCall - 3);
            if (call % CALLS_BETWEEN_CHECKS == 0) {
                int offset = (int) (call / CALLS_BETWEEN_CHECKS % slices) * timed;
                faster = 4 * best(kernel, offset, timed) < 3 * best(reference, offset, timed) ? faster + 1 : 0;
                if (faster == FASTER_CHECKS) {
                    return;
                }
            }
        }
        System.err.println("warm-up: " + what + " was not a third faster than the scalar reference after "
                + TimeUnit.NANOSECONDS.toSeconds(PATIENCE_NANOS) + " s of calls; measuring it anyway");
    }

    /** The fastest of a few calls, in ns. */
    private static long best(Call call, int offset, int n) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            call.run(offset, n);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
