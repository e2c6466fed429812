package io.github.relu4j;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Single-threaded kernels run on several threads for large inputs. Below {@link #threshold}
 * elements every call goes straight to the delegate: no task, no allocation. From it on, the range
 * is cut into at most {@code parallelism} contiguous pieces of at least {@code minChunk} elements,
 * whose boundaries are multiples of {@link #ALIGN} elements from the start of the range, and each
 * piece is the delegate's own kernel on that sub-range. Elementwise kernels give the same bits
 * however the range is cut.
 *
 * <p>How the pieces run, so that nothing can deadlock or oversubscribe: the caller hands out
 * pieces from one atomic counter. It submits at most {@code pieces - 1} helper tasks to the pool,
 * then takes pieces itself until none is left; a helper, when a pool thread runs it, takes pieces
 * from the same counter. The caller then waits only for pieces that another thread has already
 * taken and is running, never for a queued task. So if every pool thread is busy or blocked, or
 * the pool has no threads or cannot start any, or the call comes from inside a task of any pool,
 * the caller does the work alone. Nothing ever joins a task, so the pool never adds compensating
 * threads. Helpers that start too late find no piece and return at once; the caller also takes
 * back, with {@link ForkJoinTask#tryUnfork()}, any that are still on top of its queue.
 *
 * <p>What a pool that never runs them keeps: an engine submits a helper only while fewer than
 * {@code parallelism - 1} of its helpers are queued and not started, so a pool whose threads are
 * all blocked holds at most that many of them however many calls are made; and a helper
 * forgets its call when the call ends, so a queued one holds a few small objects, not the
 * call's arrays, segments or thread. Submitting never makes a call fail: whatever
 * {@link ForkJoinPool#execute(ForkJoinTask)} throws (rejected, or a thread factory that
 * throws, as a thread limit makes it) just means fewer helpers.
 *
 * <p>Errors from any piece reach the caller, which returns or throws only once every piece it
 * started has ended: after a call, returned or thrown, no thread writes its output. A call that
 * throws may have written any part of its output range, never outside it.
 *
 * <p>A piece of a segment kernel runs on another thread, so segments are split only when every
 * one of them may be used from any thread (global, automatic and shared arenas); confined
 * segments run on the caller alone, with the JDK's own checks. Heap segments reach these kernels
 * through {@link HeapSegments} as arrays (split as arrays) or staged a small chunk at a
 * time (below the threshold, so single-threaded).
 */
final class ParallelLoops implements Loops {
    // The constants, in one place (package-info.java states THRESHOLD and MIN_CHUNK too). A vector
    // kernel does 256 Ki floats in about 25 us; waking a parked pool thread and handing it a piece
    // cost more than that on the 2-core machine of results/ (ParallelKernelsBenchmark with a lowered
    // threshold: two threads took 0.56 to 0.72 of one thread's speed at 256 Ki, broke even around
    // 1 Mi, and reached 1.4 to 2.0x from 2 Mi), so calls split from 1 Mi elements.

    /** Inputs shorter than this run on the calling thread alone. {@link #THRESHOLD_PROPERTY} overrides it. */
    static final int THRESHOLD = 1 << 20;
    /** The smallest piece: at {@link #THRESHOLD} elements, two pieces. */
    static final int MIN_CHUNK = 1 << 19;
    /**
     * Piece boundaries are multiples of this many elements from the start of the range, so every
     * piece but the last is whole vectors (no masked tail), and every piece starts at the
     * range's own alignment: on a cache line (a page, for floats) when the range does.
     */
    static final int ALIGN = 1024;
    /** System property: the threshold, in elements, a positive integer. Read once. */
    static final String THRESHOLD_PROPERTY = "relu4j.parallel.threshold";

    /**
     * A thread that is never started and owns nothing: a segment it may access may be accessed
     * by any thread. Created without inherited thread locals or class loader, so it holds on to
     * nothing either.
     */
    private static final Thread NOBODY = nobody();

    private final Loops delegate;
    private final int parallelism;
    private final ForkJoinPool pool;
    private final int threshold;
    private final int minChunk;
    /** This engine's helpers submitted but not started: at most {@code parallelism - 1}. */
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * @param delegate    the single-threaded kernels
     * @param parallelism the most pieces one call is cut into, at least 2
     * @param pool        where the helpers run
     * @param threshold   the shortest input that is split, at least 1
     * @param minChunk    the shortest piece, a positive multiple of {@link #ALIGN}
     */
    ParallelLoops(Loops delegate, int parallelism, ForkJoinPool pool, int threshold,
                        int minChunk) {
        if (delegate instanceof ParallelLoops) {
            throw new IllegalArgumentException("already parallel: " + delegate);
        }
        if (parallelism < 2 || threshold < 1 || minChunk < ALIGN || minChunk % ALIGN != 0) {
            throw new IllegalArgumentException("parallelism " + parallelism + ", threshold " + threshold
                    + ", minChunk " + minChunk);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.parallelism = parallelism;
        this.pool = Objects.requireNonNull(pool, "pool");
        this.threshold = threshold;
        this.minChunk = minChunk;
    }

    /** On {@code pool}, from the threshold {@link #THRESHOLD_PROPERTY} gives, or else {@link #THRESHOLD}. */
    static ParallelLoops of(Loops delegate, int parallelism, ForkJoinPool pool) {
        return withThreshold(delegate, parallelism, pool, Defaults.THRESHOLD);
    }

    static ParallelLoops withThreshold(Loops delegate, int parallelism, ForkJoinPool pool,
                                             int threshold) {
        return new ParallelLoops(delegate, parallelism, pool, threshold, minChunk(threshold));
    }

    /**
     * The smallest piece for a threshold: {@link #MIN_CHUNK}, or half the threshold (rounded down
     * to {@link #ALIGN}, at least {@code ALIGN}) when that is smaller, so that a lowered
     * threshold still splits.
     */
    static int minChunk(int threshold) {
        return Math.max(ALIGN, Math.min(MIN_CHUNK, threshold / 2) / ALIGN * ALIGN);
    }

    /** The single-threaded loops behind {@code loops}: itself, unless it is parallel. */
    static Loops serial(Loops loops) {
        return loops instanceof ParallelLoops p ? p.delegate : loops;
    }

    int parallelism() {
        return parallelism;
    }

    ForkJoinPool pool() {
        return pool;
    }

    int threshold() {
        return threshold;
    }

    int minChunk() {
        return minChunk;
    }

    /** Helpers of this engine submitted and not yet started. */
    int queuedHelpers() {
        return queued.get();
    }

    @Override
    public ChannelKernels channels() {
        return delegate.channels();
    }

    @Override
    public ChannelKernels channels(long elements) {
        return delegate.channels(elements);
    }

    @Override
    public BlockKernels blocks(long elements) {
        return delegate.blocks(elements);
    }

    @Override
    public String name() {
        return delegate.name() + " x" + parallelism;
    }

    @Override
    public String toString() {
        return delegate + " x" + parallelism + " (from " + threshold + " elements)";
    }

    @Override
    public void map1(Op op, Format f, Object x, int xOffset, Object y, int yOffset, int length, double p, double q) {
        if (length < threshold) {
            delegate.map1(op, f, x, xOffset, y, yOffset, length, p, q);
        } else {
            split(length, (from, n) -> delegate.map1(op, f, x, xOffset + (int) from, y, yOffset + (int) from,
                    (int) n, p, q));
        }
    }

    @Override
    public void map2(Op op, Format f, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset,
                     int length, double p, double q) {
        if (length < threshold) {
            delegate.map2(op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        } else {
            split(length, (from, n) -> delegate.map2(op, f, x, xOffset + (int) from, dy, dyOffset + (int) from,
                    dx, dxOffset + (int) from, (int) n, p, q));
        }
    }

    // Native segments: split only when other threads may use them.

    @Override
    public void map1(Op op, Format f, MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                     double p, double q) {
        if (length < threshold || !anyThread(x, y)) {
            delegate.map1(op, f, x, xOffset, y, yOffset, length, p, q);
        } else {
            split(length, (from, n) -> delegate.map1(op, f, x, xOffset + from, y, yOffset + from, n, p, q));
        }
    }

    @Override
    public void map2(Op op, Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                     MemorySegment dx, long dxOffset, long length, double p, double q) {
        if (length < threshold || !anyThread(x, dy, dx)) {
            delegate.map2(op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        } else {
            split(length, (from, n) -> delegate.map2(op, f, x, xOffset + from, dy, dyOffset + from,
                    dx, dxOffset + from, n, p, q));
        }
    }

    // Native segments staged through arrays (memory-mapped ones, see Dispatch): each piece staged
    // on its own, so that staging does not cost the parallel split.

    void stagedMap1(Op op, Format f, MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                    double p, double q) {
        if (length < threshold || !anyThread(x, y)) {
            HeapSegments.map1(delegate, op, f, x, xOffset, y, yOffset, length, p, q);
        } else {
            split(length, (from, n) -> HeapSegments.map1(delegate, op, f, x, xOffset + from, y, yOffset + from,
                    n, p, q));
        }
    }

    void stagedMap2(Op op, Format f, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                    MemorySegment dx, long dxOffset, long length, double p, double q) {
        if (length < threshold || !anyThread(x, dy, dx)) {
            HeapSegments.map2(delegate, op, f, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
        } else {
            split(length, (from, n) -> HeapSegments.map2(delegate, op, f, x, xOffset + from, dy, dyOffset + from,
                    dx, dxOffset + from, n, p, q));
        }
    }

    static boolean anyThread(MemorySegment a, MemorySegment b) {
        return a.isAccessibleBy(NOBODY) && b.isAccessibleBy(NOBODY);
    }

    static boolean anyThread(MemorySegment a, MemorySegment b, MemorySegment c) {
        return a.isAccessibleBy(NOBODY) && b.isAccessibleBy(NOBODY) && c.isAccessibleBy(NOBODY);
    }

    // Splitting.

    /** One piece: the delegate's kernel on elements [from, from + length) of the range. */
    @FunctionalInterface
    interface Piece {
        void run(long from, long length);
    }

    /** The piece length for a range: a multiple of {@link #ALIGN}, or the whole range when it is one piece. */
    long step(long length) {
        long pieces = Math.min(parallelism, length / minChunk);
        if (pieces < 2) {
            return length;
        }
        long step = Math.ceilDiv(length, pieces);
        return Math.ceilDiv(step, ALIGN) * ALIGN;
    }

    /**
     * Runs {@code piece} over units {@code [0, units)} of about {@code unitElements} elements each,
     * cut at unit boundaries into at most {@code parallelism} pieces of at least
     * {@code minChunk} elements; below the threshold, or with too few units, one piece on the
     * caller. For kernels whose work is not an elementwise range: PReLU's runs, rows and blocks
     * ({@link ChannelDriver}), where a piece's {@code from} and {@code length} count units.
     */
    void splitUnits(long units, long unitElements, Piece piece) {
        long elements = units * unitElements;
        long pieces = elements < threshold ? 1 : Math.min(units, Math.min(parallelism, elements / minChunk));
        long step = pieces < 2 ? units : Math.ceilDiv(units, pieces);
        int count = step == 0 ? 1 : (int) Math.ceilDiv(units, step);
        if (count < 2) {
            piece.run(0, units);
        } else {
            new Job(piece, units, step, count).invoke(pool, Math.min(count - 1, pool.getParallelism()), queued,
                    parallelism - 1);
        }
    }

    private void split(long length, Piece piece) {
        long step = step(length);
        int pieces = (int) Math.ceilDiv(length, step);
        if (pieces < 2) {
            piece.run(0, length);
        } else {
            new Job(piece, length, step, pieces).invoke(pool, Math.min(pieces - 1, pool.getParallelism()), queued,
                    parallelism - 1);
        }
    }

    /**
     * One split call. {@code next} hands out pieces; {@code unfinished} counts pieces not yet
     * ended, and the thread that ends the last one wakes the caller.
     */
    private static final class Job {
        private final long length;
        private final long step;
        private final int pieces;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Dropped once every piece has ended. */
        private Piece piece;

        Job(Piece piece, long length, long step, int pieces) {
            this.piece = piece;
            this.length = length;
            this.step = step;
            this.pieces = pieces;
            this.unfinished = new AtomicInteger(pieces);
        }

        /**
         * Runs every piece, on this thread and up to {@code helpers} pool threads, submitting a
         * helper only while fewer than {@code maxQueued} of this engine's helpers wait in a queue.
         * Whatever submitting throws (a rejected task, a thread factory that fails, no memory for
         * a thread) only means fewer helpers: it is never thrown, since the caller does their work.
         */
        void invoke(ForkJoinPool pool, int helpers, AtomicInteger queued, int maxQueued) {
            ForkJoinTask<?>[] submitted = new ForkJoinTask<?>[helpers];
            Helper[] held = new Helper[helpers];
            int count = 0;
            try {
                while (count < helpers) {
                    Helper helper = new Helper(this, queued);
                    ForkJoinTask<?> task = ForkJoinTask.adapt(helper);
                    if (!reserve(queued, maxQueued)) {
                        break; // allocated before reserving, so that running out of memory leaks no slot
                    }
                    held[count] = helper;
                    submitted[count] = task;
                    count++;
                    try {
                        pool.execute(task);
                    } catch (RejectedExecutionException notQueued) {
                        // Shut down or saturated: the task is not queued and never runs.
                        queued.decrementAndGet();
                        held[--count] = null;
                        submitted[count] = null;
                        break;
                    } catch (Throwable maybeQueued) {
                        // A thread factory that throws (a thread limit: "unable to create native
                        // thread") fails execute after the task was queued, where it may still run
                        // once the pool gets a thread; it stays counted until then.
                        break;
                    }
                }
            } catch (Throwable noHelper) {
                // Out of memory for a helper: the caller does its work.
            }
            takePieces();
            // Helpers still on top of this thread's queue would only find no piece; take them back.
            while (count > 0 && submitted[count - 1].tryUnfork()) {
                count--;
                held[count].reclaim();
            }
            // Every piece is taken; wait for those that other threads are running. (An interrupt
            // does not end the wait: park then returns at once, and this spins until they end.)
            while (unfinished.get() != 0) {
                LockSupport.park(this);
            }
            // A helper still queued now keeps only its own few fields, not this call.
            piece = null;
            for (int i = 0; i < count; i++) {
                held[i].job = null;
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        /** One more queued helper, if fewer than {@code max} are. */
        private static boolean reserve(AtomicInteger queued, int max) {
            for (int n; (n = queued.get()) < max; ) {
                if (queued.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        private void takePieces() {
            for (int i; (i = next.getAndIncrement()) < pieces; ) {
                try {
                    long from = i * step;
                    piece.run(from, Math.min(step, length - from));
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    if (unfinished.decrementAndGet() == 0 && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** The first failure is thrown; later ones are added to it as suppressed. */
        private void fail(Throwable t) {
            if (!failure.compareAndSet(null, t) && failure.get() != t) {
                failure.get().addSuppressed(t);
            }
        }
    }

    /**
     * A helper task: counted in its engine's {@code queued} from submission until it starts (or
     * the caller takes it back), so that an engine never has more than {@code parallelism - 1}
     * helpers waiting in queues, however many calls a pool with blocked threads has seen. Its
     * {@code job} is cleared when the call ends, so a helper that starts late finds nothing to do
     * and one that never starts holds on to nothing of the call.
     */
    private static final class Helper implements Runnable {
        private final AtomicInteger queued;
        private final AtomicBoolean counted = new AtomicBoolean(true);
        volatile Job job;

        Helper(Job job, AtomicInteger queued) {
            this.job = job;
            this.queued = queued;
        }

        @Override
        public void run() {
            reclaim();
            Job j = job;
            if (j != null) {
                j.takePieces();
            }
        }

        /** No longer waiting in a queue: started, or taken back. Once only. */
        void reclaim() {
            if (counted.compareAndSet(true, false)) {
                queued.decrementAndGet();
            }
        }
    }

    private static Thread nobody() {
        Thread t = Thread.ofPlatform().name("relu4j-nobody").inheritInheritableThreadLocals(false)
                .unstarted(new Idle());
        t.setContextClassLoader(null);
        return t;
    }

    /** The never-started thread's task: a class, not a lambda, which would cost the first call a millisecond or more to link. */
    private static final class Idle implements Runnable {
        @Override
        public void run() {
        }
    }

    /** The threshold of {@link #THRESHOLD_PROPERTY}, read on first use. */
    private static final class Defaults {
        static final int THRESHOLD = Selector.threshold(System.getProperty(THRESHOLD_PROPERTY)).value();
    }
}
