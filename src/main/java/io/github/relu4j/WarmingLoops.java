package io.github.relu4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * The preferred engine's loops while the JVM is young: each kernel runs the {@code cold} loops
 * (the scalar reference) until its {@code warm} loops (the vector or portable kernels) are compiled, then the
 * warm ones. Why: until C2 compiles a Vector API loop it runs as slow Java that allocates for
 * every lane operation, 10 to 100 times slower than the scalar loop (measured in
 * {@code ColdStart}, jmh module); a program that calls a kernel a few hundred times would never
 * see the vector speed, only that cost. Both loops give the same bits, so the switch is
 * invisible except in time.
 *
 * <p>How: a kernel (op, format, direction, container) runs cold until it has done
 * {@link #START_AFTER} elements' worth of work, then it is queued for a warm-up on one daemon
 * thread. That thread makes the engine decision (the first task only; it reads HotSpot flags and
 * logs, so no caller does), then calls the kernel's warm loop on small private buffers until it
 * runs at least a third faster than the cold loop on the same buffers three checks in a row:
 * then C2 has compiled it, and calls switch to it. A kernel that does not get there within
 * {@link #PATIENCE_NANOS} (no C2, an overloaded machine), or {@link #PORTABLE_PATIENCE_NANOS}
 * for the portable loops, stays cold. The thread ends after a
 * minute with nothing to do.
 */
final class WarmingLoops implements Loops {
    /**
     * A kernel's warm-up starts once it has run this many elements on the reference (a call
     * counts at most this many, plus {@link #CALL_WORK}): at once for a call of 256 Ki elements or
     * more, after 16 calls of 16 Ki, 205 calls of 1 Ki, 1024 calls of 0. Why wait: a program that
     * calls a kernel a few times never pays for a warm-up it would not profit from, and the
     * reference's own loop, compiled after about this much work, is not queued behind the vector
     * loop's compilation. (It does not remove the cost on two cores: in {@code ColdStart}, calls
     * 101 to 1,000 of 1 Ki and 16 Ki ran 1.2 to 2.6 times the reference's while a warm-up ran,
     * with or without the wait; docs/PERFORMANCE.md.)
     */
    static final long START_AFTER = 1 << 18;
    /** The work a call counts for besides its elements, so that short calls start a warm-up too. */
    static final long CALL_WORK = 256;
    /** How long the warm-up thread waits for work before it ends (a later warm-up starts another). */
    private static final long IDLE_SECONDS = 60;
    /** The longest a kernel's warm-up may try, in ns, before the kernel stays cold. */
    static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    /**
     * The same for the portable loops, which C2 compiles within a second (they are plain Java):
     * one that is not faster by then meets a reference that C2 compiled without a branch (it
     * does for some kernels, depending on the profile), and keeping it costs nothing.
     */
    static final long PORTABLE_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** The warm-up buffers' length, and the length of the timed calls: a few microseconds of reference. */
    static final int LENGTH = 1024;
    /** The warm-up inputs hold this many slices of {@link #LENGTH}. */
    private static final int SLICES = 8;
    /**
     * The length of the other warm-up calls: whole vectors at every width up to 2048 bits, and
     * then 3 fewer (a tail), short so that the calls before C2 compiles them (interpreted Vector
     * API code, microseconds per vector) cost little.
     */
    static final int SHORT = 256;
    private static final int CHECK_EVERY = 256;
    private static final int FASTER_CHECKS = 3;
    private static final int IDLE = 0;
    private static final int WARMING = 1;
    private static final int WARM = 2;
    private static final int COLD = 3;
    private static final int KERNELS = Op.values().length * Format.values().length * 4;
    /** The state slot of PReLU's {@link ChannelKernels}, warmed up together: after the elementwise kernels' slots. */
    private static final int CHANNELS = KERNELS;
    /** The least calls of each block kernel before its warm-up may end (see {@link #compileBlocks}). */
    private static final int BLOCK_CALLS = 4096;
    /** The state slot of the fused forms' {@link BlockKernels}, warmed up together. */
    private static final int BLOCKS = KERNELS + 1;
    private static final int SLOTS = KERNELS + 2;

    private final Loops reference;
    private final Supplier<Loops> decide;
    private final long patienceNanos;
    private final AtomicIntegerArray state = new AtomicIntegerArray(SLOTS);
    /** Per kernel, how its warm-up ended (null until it has): what a test says when a switch did not happen. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<String> outcomes =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(SLOTS);
    /** Per kernel, the work done on the reference so far, in elements (each call counts {@link #CALL_WORK} more). */
    private final long[] coldWork = new long[SLOTS];
    private final ThreadPoolExecutor thread;
    /** What {@code decide} returned, once it has: written once, on the warm-up thread, before any state turns {@link #WARM}. */
    private volatile Loops decided;

    /**
     * @param cold   what runs until a kernel is warm: the scalar reference, single-threaded (a
     *               parallel engine wraps this object, not the other way round)
     * @param decide the engine decision, made on the warm-up thread: single-threaded loops; when
     *               it returns {@code cold} itself, every kernel stays there (nothing to compile)
     */
    WarmingLoops(Loops cold, Supplier<Loops> decide) {
        this(cold, decide, PATIENCE_NANOS);
    }

    /** With another patience, for tests. */
    WarmingLoops(Loops cold, Supplier<Loops> decide, long patienceNanos) {
        this.reference = cold;
        this.decide = decide;
        this.patienceNanos = patienceNanos;
        this.thread = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new WarmUpThreads());
        this.thread.allowCoreThreadTimeOut(true);
        // Started now, with the engine (the first call, which loads the library anyway), not by the
        // call that starts a warm-up: starting a thread there cost that call 2 to 3 ms (ColdStart).
        try {
            this.thread.prestartCoreThread();
        } catch (RuntimeException | Error cannot) {
            // No thread now: the first warm-up tries again.
        }
    }

    static int kernel(Op op, Format format, boolean backward, boolean segment) {
        return ((op.ordinal() * Format.values().length + format.ordinal()) * 2 + (backward ? 1 : 0)) * 2
                + (segment ? 1 : 0);
    }

    /**
     * The loops a call of kernel {@code k} on {@code length} elements runs now; queues the
     * kernel's warm-up once it has done {@link #START_AFTER} elements' worth of work cold.
     */
    private Loops loops(int k, long length) {
        int s = state.get(k);
        if (s == WARM) {
            return decided;
        }
        if (s == IDLE) {
            // Racy on purpose: a lost update only delays the start a little.
            long done = coldWork[k] += Math.min(length, START_AFTER) + CALL_WORK;
            if (done >= START_AFTER) {
                start(k);
            }
        }
        return reference;
    }

    /** The loops that kernel runs now, for tests: the decided ones once it is warm. */
    Loops running(Op op, Format format, boolean backward, boolean segment) {
        return isWarm(op, format, backward, segment) ? decided : reference;
    }

    /** Queues the warm-up of kernel {@code k}, unless it is queued, running or done. */
    private void start(int k) {
        if (state.compareAndSet(k, IDLE, WARMING)) {
            try {
                thread.execute(new WarmUp(k));
            } catch (RuntimeException | Error cannot) {
                state.set(k, COLD); // no thread: this kernel stays on the reference, which is correct
            }
        }
    }

    /** Whether the warm-up of a kernel has been queued (it may have ended); for tests. */
    boolean hasStarted(Op op, Format format, boolean backward, boolean segment) {
        return state.get(kernel(op, format, backward, segment)) != IDLE;
    }

    /** Whether kernel {@code k} has switched to the warm loops; for tests and benchmarks. */
    boolean isWarm(Op op, Format format, boolean backward, boolean segment) {
        return state.get(kernel(op, format, backward, segment)) == WARM;
    }

    /** How the kernel's warm-up ended, with its last timed check; null if it has not ended. For tests. */
    String outcome(Op op, Format format, boolean backward, boolean segment) {
        return outcomes.get(kernel(op, format, backward, segment));
    }

    /** Whether no kernel is queued or warming now. */
    boolean isSettled() {
        for (int k = 0; k < SLOTS; k++) {
            if (state.get(k) == WARMING) {
                return false;
            }
        }
        return true;
    }

    /** Queues the warm-up of every kernel not yet queued; returns at once. */
    void warmUpAll() {
        for (int k = 0; k < SLOTS; k++) {
            start(k);
        }
    }

    /**
     * Waits until every kernel asked for so far is warm or stays cold, and the engine decision
     * has been made if any was asked for.
     *
     * @return whether that happened within {@code nanos}
     */
    boolean awaitSettled(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!isSettled()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** The warming loops behind an engine's loops, or null if it does not warm up. */
    static WarmingLoops of(Loops loops) {
        return ParallelLoops.serial(loops) instanceof WarmingLoops w ? w : null;
    }

    /** A kernel's warm-up, as a task (a class rather than a lambda: linking a lambda costs its first use a millisecond). */
    private final class WarmUp implements Runnable {
        private final int kernel;

        WarmUp(int kernel) {
            this.kernel = kernel;
        }

        @Override
        public void run() {
            warmUp(kernel);
        }
    }

    /** Daemon threads named relu4j-warm-up that hold on to nothing of their creator's. */
    private static final class WarmUpThreads implements java.util.concurrent.ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(null, r, "relu4j-warm-up", 0, false);
            t.setDaemon(true);
            return t;
        }
    }

    private void warmUp(int k) {
        try {
            if (decided == null) {
                decided = decide.get();
            }
            if (decided == reference) {
                for (int i = 0; i < SLOTS; i++) {
                    state.set(i, WARM); // nothing to compile: the decision itself runs from now on
                }
                return;
            }
            if (k < KERNELS && decided.referenceFor(Format.values()[k / 4 % Format.values().length])) {
                state.set(k, WARM); // its loop is the reference's: nothing to compile
                return;
            }
            Race race = new Race();
            boolean compiled = k == CHANNELS ? compileChannels(decided, race) : k == BLOCKS ? compileBlocks(decided, race)
                    : compile(decided, k, race);
            outcomes.set(k, race.outcome(compiled));
            state.set(k, compiled ? WARM : COLD);
        } catch (RuntimeException | Error e) {
            outcomes.set(k, "failed: " + e);
            state.set(k, COLD);
        }
    }

    /**
     * Runs kernel {@code k} of {@code vector} until it is compiled: it calls the vector loop on
     * {@link #SHORT} and {@code SHORT - 3} elements by turns (the main loop and the masked tail
     * are both compiled, so a caller's first tail does not deoptimise it) and, every
     * {@link #CHECK_EVERY} calls, times it against the cold loop on {@link #LENGTH} elements.
     * Compiled by C2, the vector loop is several times faster than the reference (which C2 may
     * have compiled without branches); before, interpreted or compiled by C1, it is 10 to 100
     * times slower. So "faster by a third, three checks in a row" tells the two apart. False if
     * that never happens.
     */
    private boolean compile(Loops vector, int k, Race race) {
        Op op = Op.values()[k / (Format.values().length * 4)];
        Format f = Format.values()[k / 4 % Format.values().length];
        boolean backward = (k & 2) != 0;
        boolean segment = (k & 1) != 0;
        try (Arena arena = Arena.ofConfined()) {
            var random = new java.util.SplittableRandom(k);
            Buffers b = new Buffers(f, activations(arena, f, random), activations(arena, f, random),
                    arena.allocate((long) LENGTH * f.bytes, 64));
            long patience = vector instanceof PortableLoops ? Math.min(patienceNanos, PORTABLE_PATIENCE_NANOS)
                    : patienceNanos;
            long deadline = System.nanoTime() + patience;
            for (long call = 1; System.nanoTime() < deadline; call++) {
                b.call(vector, op, backward, segment, (int) (call % SLICES), (call & 1) == 0 ? SHORT : SHORT - 3);
                if (call % CHECK_EVERY == 0) {
                    long coldTime = b.best(reference, op, backward, segment);
                    long warmTime = b.best(vector, op, backward, segment);
                    if (race.won(coldTime, warmTime)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * As {@link #compile}, for all of PReLU's {@link ChannelKernels} at once: each of them, on
     * arrays and segments of every format (the 16-bit ones with float slopes), is called by turns on {@link #SHORT} and
     * {@code SHORT - 3} elements, and the channels-first slope gradient on floats is timed
     * against the reference's. Calls to all of them are counted alike, so when the timed one is
     * compiled the others have had as many calls.
     */
    private boolean compileChannels(Loops vector, Race race) {
        ChannelKernels warm = vector.channels();
        ChannelKernels cold = reference.channels();
        if (warm == cold) {
            return true;
        }
        try (Arena arena = Arena.ofConfined()) {
            var random = new java.util.SplittableRandom(CHANNELS);
            Buffers f = new Buffers(Format.F32, activations(arena, Format.F32, random),
                    activations(arena, Format.F32, random), arena.allocate((long) LENGTH * 4, 64));
            Buffers d = new Buffers(Format.F64, activations(arena, Format.F64, random),
                    activations(arena, Format.F64, random), arena.allocate((long) LENGTH * 8, 64));
            Buffers bf16 = new Buffers(Format.BF16, activations(arena, Format.BF16, random),
                    activations(arena, Format.BF16, random), arena.allocate((long) LENGTH * 2, 64));
            Buffers f16 = new Buffers(Format.F16, activations(arena, Format.F16, random),
                    activations(arena, Format.F16, random), arena.allocate((long) LENGTH * 2, 64));
            float[] wf = {0.25f, -0.5f, 0.01f, 2f, 0.25f, -0.5f, 0.01f, 2f};
            double[] wd = {0.25, -0.5, 0.01, 2, 0.25, -0.5, 0.01, 2};
            double[] sums = new double[wf.length];
            double[] lanes = new double[16];
            long deadline = System.nanoTime() + patienceNanos;
            for (long call = 1; System.nanoTime() < deadline; call++) {
                int n = (call & 1) == 0 ? SHORT : SHORT - 3;
                f.channels(warm, n, wf, sums, lanes);
                d.channels(warm, n, wd, sums, lanes);
                bf16.channels(warm, n, wf, sums, lanes);
                f16.channels(warm, n, wf, sums, lanes);
                if (call % CHECK_EVERY == 0) {
                    long coldTime = f.bestRuns(cold, lanes);
                    long warmTime = f.bestRuns(warm, lanes);
                    if (race.won(coldTime, warmTime)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * As {@link #compileChannels}, for the fused forms' {@link BlockKernels}: each of them, on every
     * format, by turns on {@link #SHORT} and {@code SHORT - 3} elements, the fused forward with
     * every op and feature set, and ReLU's forward with its mask on floats timed against the
     * reference's.
     */
    private boolean compileBlocks(Loops vector, Race race) {
        BlockKernels warm = vector.blocks(LENGTH);
        BlockKernels cold = reference.blocks(LENGTH);
        if (warm == cold) {
            return true;
        }
        var random = new java.util.SplittableRandom(BLOCKS);
        Format[] formats = Format.values();
        Object[] x = new Object[formats.length];
        Object[] y = new Object[formats.length];
        Object[] bias = new Object[formats.length];
        Object[] inputs = new Object[formats.length];
        try (Arena arena = Arena.ofConfined()) {
            for (Format f : formats) {
                x[f.ordinal()] = f.newArray(SLICES * LENGTH);
                MemorySegment.copy(activations(arena, f, random), f.layout, 0, x[f.ordinal()], 0, SLICES * LENGTH);
                y[f.ordinal()] = f.newArray(LENGTH);
                bias[f.ordinal()] = ChannelDriver.slopes(f).newArray(LENGTH);
                inputs[f.ordinal()] = f.newArray(LENGTH);
            }
        }
        long[] words = new long[LENGTH / Long.SIZE];
        int[] counts = new int[LENGTH];
        long deadline = System.nanoTime() + patienceNanos;
        for (long call = 1; System.nanoTime() < deadline; call++) {
            int n = (call & 1) == 0 ? SHORT : SHORT - 3;
            for (Format f : formats) {
                Object a = x[f.ordinal()];
                Object out = y[f.ordinal()];
                warm.gate(Op.values()[(int) (call % Op.values().length)], f, a, 0, n, -0.5, 0.5, words);
                warm.gradient(call % 2 == 0 ? Op.RELU : Op.LEAKY_RELU, f, words, a, 0, out, 0, n, 0.25,
                        inputs[f.ordinal()]);
                warm.inputs(f, words, n, inputs[f.ordinal()]);
                warm.addRow(f, a, 0, out, 0, n, bias[f.ordinal()], 0);
                warm.addRun(f, a, 0, out, 0, n, 0.25);
                warm.countRow(f, a, 0, n, counts, 0);
                warm.countRun(f, a, 0, n);
                // The fused forward of every op and feature set (its loops are generated per set).
                for (Op op : Op.values()) {
                    for (int features = 1; features < 8; features++) {
                        warm.fused(vector, op, f, a, 0, out, 0, n, -0.5, 0.5, bias[f.ordinal()], 0, 0.25,
                                (features & 1) == 0 ? 0 : 1 + (int) (call & 1), (features & 2) == 0 ? null : words,
                                (features & 4) == 0 ? null : counts, 0, (features & 4) != 0);
                    }
                }
            }
            // Dozens of loops share this warm-up and one is timed: the others must have had as many
            // calls as C2 needs (about 2,500 of this length, by their loops' back edges) first.
            if (call >= BLOCK_CALLS && call % CHECK_EVERY == 0) {
                long coldTime = bestMask(cold, vector, (float[]) x[Format.F32.ordinal()], (float[]) y[Format.F32.ordinal()], words);
                long warmTime = bestMask(warm, vector, (float[]) x[Format.F32.ordinal()], (float[]) y[Format.F32.ordinal()], words);
                if (race.won(coldTime, warmTime)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The fastest of three runs of ReLU's forward with its mask over each slice of floats, in ns. */
    private static long bestMask(BlockKernels kernels, Loops loops, float[] x, float[] y, long[] words) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            for (int slice = 0; slice < SLICES; slice++) {
                kernels.fused(loops, Op.RELU, Format.F32, x, slice * LENGTH, y, 0, LENGTH, 0, 0, null, 0, 0, 0, words, null,
                        0, false);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /**
     * {@link #SLICES} times {@link #LENGTH} values as activations look: uniform in (-16, 16), signs
     * at random, so that the reference pays its mispredicted branches. Not random bits: their
     * subnormals make every product (Leaky ReLU) take a microcode assist that hides the speed
     * being checked. The timed calls run over the slices in turn, so that the branch predictor
     * cannot learn one short sequence of signs (it did learn 1024, running the reference at 0.6
     * ns per element instead of 3).
     */
    private static MemorySegment activations(Arena arena, Format f, java.util.SplittableRandom random) {
        MemorySegment s = arena.allocate((long) SLICES * LENGTH * f.bytes, 64);
        for (long i = 0; i < (long) SLICES * LENGTH; i++) {
            double v = random.nextDouble(-16, 16);
            switch (f) {
                case F32 -> s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, (float) v);
                case F64 -> s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, i, v);
                case BF16, F16 -> s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_SHORT, i, Halves.round(f, (float) v));
            }
        }
        return s;
    }

    /** One warm-up's inputs and output, as native segments and as arrays. */
    private record Buffers(Format f, MemorySegment xs, MemorySegment dys, MemorySegment outs, Object x, Object dy,
                           Object out) {
        Buffers(Format f, MemorySegment xs, MemorySegment dys, MemorySegment outs) {
            this(f, xs, dys, outs, f.newArray(SLICES * LENGTH), f.newArray(SLICES * LENGTH), f.newArray(LENGTH));
            MemorySegment.copy(xs, f.layout, 0, x, 0, SLICES * LENGTH);
            MemorySegment.copy(dys, f.layout, 0, dy, 0, SLICES * LENGTH);
        }

        /**
         * One call of the kernel on {@code n} elements of slice {@code slice}. Parameters fit
         * every op (Hardtanh needs min <= max).
         */
        void call(Loops loops, Op op, boolean backward, boolean segment, int slice, int n) {
            int at = slice * LENGTH;
            if (segment && backward) {
                loops.map2(op, f, xs, (long) at, dys, (long) at, outs, 0L, (long) n, -0.5, 0.5);
            } else if (segment) {
                loops.map1(op, f, xs, (long) at, outs, 0L, (long) n, -0.5, 0.5);
            } else if (backward) {
                loops.map2(op, f, x, at, dy, at, out, 0, n, -0.5, 0.5);
            } else {
                loops.map1(op, f, x, at, out, 0, n, -0.5, 0.5);
            }
        }

        /** Each of {@code kernels} once, on {@code n} elements (rows of 8, or runs of {@code n / 8}, a tail each). */
        void channels(ChannelKernels kernels, int n, Object w, double[] sums, double[] lanes) {
            int rows = n / 8;
            kernels.rows(f, x, 0, null, 0, out, 0, rows, 7, w, 0);
            kernels.rows(f, x, 0, dy, 0, out, 0, rows, 7, w, 0);
            kernels.rows(f, xs, 0L, null, 0L, outs, 0L, rows, 7, w, 0);
            kernels.rows(f, xs, 0L, dys, 0L, outs, 0L, rows, 7, w, 0);
            kernels.planes(f, x, 0, null, 0, out, 0, 8, n / 8, 0, 3, w, 0);
            kernels.planes(f, x, 0, dy, 0, out, 0, 8, n / 8, 1, 3, w, 0);
            kernels.planes(f, xs, 0L, null, 0L, outs, 0L, 8, n / 8, 0, 3, w, 0);
            kernels.planes(f, xs, 0L, dys, 0L, outs, 0L, 8, n / 8, 1, 3, w, 0);
            kernels.runs(f, x, 0, dy, 0, out, 0, 8, n / 8, n / 8 - 1, 0.25, lanes);
            kernels.runs(f, x, 0, dy, 0, null, 0, 1, n, n, 0.25, lanes);
            kernels.runs(f, xs, 0L, dys, 0L, outs, 0L, 8, n / 8, n / 8 - 1, 0.25, lanes);
            kernels.runs(f, xs, 0L, dys, 0L, null, 0L, 1, n, n, 0.25, lanes);
            kernels.rowSums(f, x, 0, dy, 0, out, 0, rows, 7, w, 0, sums, 0);
            kernels.rowSums(f, x, 0, dy, 0, null, 0, rows, 8, w, 0, sums, 0);
            kernels.rowSums(f, xs, 0L, dys, 0L, outs, 0L, rows, 7, w, 0, sums, 0);
            kernels.rowSums(f, xs, 0L, dys, 0L, null, 0L, rows, 8, w, 0, sums, 0);
        }

        /** The fastest of three channels-first slope gradients with input gradient over each slice, in ns. */
        long bestRuns(ChannelKernels kernels, double[] lanes) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                for (int slice = 0; slice < SLICES; slice++) {
                    kernels.runs(f, x, slice * LENGTH, dy, slice * LENGTH, out, 0, 1, LENGTH, LENGTH, 0.25, lanes);
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            return best;
        }

        /** The fastest of three runs of calls on each slice, {@link #LENGTH} elements each, in ns. */
        long best(Loops loops, Op op, boolean backward, boolean segment) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                for (int slice = 0; slice < SLICES; slice++) {
                    call(loops, op, backward, segment, slice, LENGTH);
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            return best;
        }
    }

    @Override
    public void map1(Op op, Format format, Object x, int xOffset, Object y, int yOffset, int length, double p,
                     double q) {
        loops(kernel(op, format, false, false), length).map1(op, format, x, xOffset, y, yOffset, length, p, q);
    }

    @Override
    public void map1(Op op, Format format, MemorySegment x, long xOffset, MemorySegment y, long yOffset, long length,
                     double p, double q) {
        loops(kernel(op, format, false, true), length).map1(op, format, x, xOffset, y, yOffset, length, p, q);
    }

    @Override
    public void map2(Op op, Format format, Object x, int xOffset, Object dy, int dyOffset, Object dx, int dxOffset,
                     int length, double p, double q) {
        loops(kernel(op, format, true, false), length).map2(op, format, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    @Override
    public void map2(Op op, Format format, MemorySegment x, long xOffset, MemorySegment dy, long dyOffset,
                     MemorySegment dx, long dxOffset, long length, double p, double q) {
        loops(kernel(op, format, true, true), length).map2(op, format, x, xOffset, dy, dyOffset, dx, dxOffset, length, p, q);
    }

    /** PReLU's kernels: the reference's until the decided loops' ones are compiled (one warm-up for all of them). */
    @Override
    public ChannelKernels channels() {
        return channels(LENGTH);
    }

    @Override
    public ChannelKernels channels(long elements) {
        return loops(CHANNELS, elements).channels();
    }

    /** The fused forms' block kernels: the reference's until the decided loops' ones are compiled. */
    @Override
    public BlockKernels blocks(long elements) {
        return loops(BLOCKS, elements).blocks(elements);
    }

    /** The decided kernels' name once decided; until then, the reference's, which is what runs. */
    @Override
    public String name() {
        Loops d = decided;
        return d != null ? d.name() : reference.name();
    }

    /**
     * The timed checks of one warm-up: won at the third check in a row where the warm loop is
     * faster than the reference by a third; remembers the last check for {@link #outcome}.
     */
    private static final class Race {
        private final long start = System.nanoTime();
        private int checks;
        private int inARow;
        private long cold;
        private long warm;

        boolean won(long coldTime, long warmTime) {
            checks++;
            cold = coldTime;
            warm = warmTime;
            inARow = 4 * warmTime < 3 * coldTime ? inARow + 1 : 0;
            return inARow == FASTER_CHECKS;
        }

        String outcome(boolean won) {
            return (won ? "compiled" : "not faster in time") + " after " + checks + " checks in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (last: warm " + warm + " ns, reference " + cold + " ns)";
        }
    }

    @Override
    public String toString() {
        Loops d = decided;
        return d == null ? reference + " until the engine decision"
                : d != reference ? d + ", each kernel once compiled (" + reference + " before)" : d.toString();
    }
}
