package io.github.relu4j;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * Which implementation runs an {@link Activation}'s kernels, and on how many threads. Every engine
 * returns the same bits (see the {@linkplain io.github.relu4j contract}); they differ in speed and
 * in what they need. Engines are immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #scalar()}: the contract's definitions, literally, one element at a time: the
 *       reference every other engine is tested against.</li>
 *   <li>{@link #vector()}: the Java Vector API kernels (needs
 *       {@code --add-modules jdk.incubator.vector}).</li>
 *   <li>{@link #portable()}: plain Java without a branch per element, which C2 compiles to SIMD
 *       code; needs no module.</li>
 *   <li>{@link #preferred()}: what this JVM runs fastest, on every processor for large inputs;
 *       the engine of {@link Activation}'s factories.</li>
 *   <li>{@link #parallel(Engine, int)}, {@link #parallel(Engine, ForkJoinPool)}: any engine on
 *       several threads, with your own thread count or pool.</li>
 * </ul>
 */
public final class Engine {
    private static final Engine SCALAR = new Engine(ScalarLoops.INSTANCE);

    private final Loops loops;

    private Engine(Loops loops) {
        this.loops = loops;
    }

    /**
     * The scalar reference, on the calling thread.
     *
     * @return the scalar engine
     */
    public static Engine scalar() {
        return SCALAR;
    }

    /**
     * The portable kernels, on the calling thread: plain Java that decides each element with
     * integer arithmetic on its encoding instead of a branch, over chunks staged through a small
     * per-thread buffer, which C2 auto-vectorises. They need no module and no flag; the preferred
     * engine runs them when the Vector API is not available. Slower than the reference until C2
     * has compiled them (the preferred engine waits for that, as for the vector kernels), and in
     * an interpreter or C1.
     *
     * @return the portable engine
     */
    public static Engine portable() {
        return Portable.ENGINE;
    }

    /**
     * The Java Vector API kernels, whatever the JVM's JIT settings (without C2 they are correct but
     * slow), on the calling thread.
     *
     * @return the vector engine
     * @throws UnsupportedOperationException if the {@code jdk.incubator.vector} module is not
     *         readable (start the JVM with {@code --add-modules jdk.incubator.vector})
     */
    public static Engine vector() {
        Selector.vector(); // throws without the module
        return Vector.ENGINE;
    }

    /**
     * The engine this JVM runs fastest, chosen once, on first use: {@link #vector()} when the
     * {@code jdk.incubator.vector} module is readable, the JVM is HotSpot with C2 and its Vector
     * API intrinsics on, and the preferred vector is at least 128 bits wide; otherwise
     * {@link #portable()}, or {@link #scalar()} when C2 is off (-Xint, a lower tiered stop level),
     * with one WARNING through
     * {@link System.Logger} (logger {@code io.github.relu4j}) saying why. Fast from the first
     * call: each kernel runs the scalar reference until its chosen loop is compiled, which a
     * background thread sees to (see {@link #warmUp()}); the decision and its log line are made
     * there too. From 2<sup>20</sup>
     * elements per call it runs on up to {@link Runtime#availableProcessors()} threads. The
     * system properties {@code relu4j.vector}, {@code relu4j.parallelism} and
     * {@code relu4j.parallel.threshold} change the choice (see the
     * {@linkplain io.github.relu4j package overview}).
     *
     * @return the preferred engine
     */
    public static Engine preferred() {
        return Preferred.ENGINE;
    }

    /**
     * {@code engine} on up to {@code parallelism} threads from 2<sup>20</sup> elements per call:
     * the caller and threads of {@link ForkJoinPool#commonPool()}. The bits are those of
     * {@code engine}. An engine that is already parallel is unwrapped first, so this replaces its
     * parallelism.
     *
     * @param engine      the single-threaded kernels (or a parallel engine)
     * @param parallelism the most threads one call uses, the caller included; {@code 1} returns
     *                    the single-threaded engine
     * @return the parallel engine, or for {@code parallelism == 1} the single-threaded one
     * @throws NullPointerException     if {@code engine} is null
     * @throws IllegalArgumentException if {@code parallelism < 1}
     */
    public static Engine parallel(Engine engine, int parallelism) {
        Loops serial = ParallelLoops.serial(Objects.requireNonNull(engine, "engine").loops);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        return new Engine(parallelism == 1 ? serial
                : ParallelLoops.of(serial, parallelism, ForkJoinPool.commonPool()));
    }

    /**
     * {@code engine} on the threads of {@code pool} and the calling thread, from 2<sup>20</sup>
     * elements per call: one call uses up to {@code pool.getParallelism() + 1} threads. The bits
     * are those of {@code engine}. A call still completes, on the calling thread, if the pool is
     * busy, shut down, rejects tasks or cannot start threads (its thread factory throws): what
     * {@link ForkJoinPool#execute(java.util.concurrent.ForkJoinTask)} throws is not thrown by the
     * call. At most {@code pool.getParallelism()} of this engine's helper tasks wait in the pool
     * at any time, whatever the number of calls.
     *
     * @param engine the single-threaded kernels (or a parallel engine, unwrapped first)
     * @param pool   where the other pieces of a call run
     * @return the parallel engine
     * @throws NullPointerException if an argument is null
     */
    public static Engine parallel(Engine engine, ForkJoinPool pool) {
        Loops serial = ParallelLoops.serial(Objects.requireNonNull(engine, "engine").loops);
        Objects.requireNonNull(pool, "pool");
        return new Engine(ParallelLoops.of(serial, pool.getParallelism() + 1, pool));
    }

    /**
     * Starts the warm-up of every kernel of this engine on the warm-up thread and returns at once.
     * Only the {@link #preferred()} engine warms up (its vector or portable kernels run the scalar reference
     * until C2 has compiled them; a kernel's warm-up starts once it has done 2<sup>18</sup>
     * elements' worth of work on the reference); for other
     * engines this does nothing. Call it early (at start-up) so that no kernel ever runs its
     * reference first; {@link #awaitWarmUp(Duration)} waits for it.
     *
     * @return this engine
     */
    public Engine warmUp() {
        WarmingLoops warming = WarmingLoops.of(loops);
        if (warming != null) {
            warming.warmUpAll();
        }
        return this;
    }

    /**
     * Waits until every kernel of this engine whose warm-up has started (by {@link #warmUp()} or
     * by its calls) runs its final code: the vector or portable loop once compiled, or the reference if
     * it did not get faster within 20 seconds (4 for the portable loops) or the engine decision chose it. Returns at once for
     * engines that do not warm up, and when nothing has been called.
     *
     * @param timeout the longest to wait
     * @return whether every started warm-up had ended by then
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        long nanos = Objects.requireNonNull(timeout, "timeout").toNanos();
        WarmingLoops warming = WarmingLoops.of(loops);
        return warming == null || warming.awaitSettled(nanos);
    }

    /**
     * A short name for logs and benchmarks: {@code "scalar"} or {@code "vector"}, followed, for
     * engines that run on several threads, by their parallelism ({@code "vector x8"}).
     *
     * @return the engine's name
     */
    public String name() {
        return loops.name();
    }

    /** @return the name, and for the vector engine its width; for parallel ones, their threshold */
    @Override
    public String toString() {
        return loops.toString();
    }

    Loops loops() {
        return loops;
    }

    /** An engine over any loops, for tests and benchmarks in this package. */
    static Engine of(Loops loops) {
        return new Engine(Objects.requireNonNull(loops, "loops"));
    }

    /** Holders: nothing loads the portable or vector classes, or makes the choice, before it is asked for. */
    private static final class Portable {
        static final Engine ENGINE = new Engine(PortableLoops.INSTANCE);
    }

    private static final class Vector {
        static final Engine ENGINE = new Engine(VectorLoops.INSTANCE);
    }

    private static final class Preferred {
        static final Engine ENGINE = new Engine(Selector.preferred());
    }
}
