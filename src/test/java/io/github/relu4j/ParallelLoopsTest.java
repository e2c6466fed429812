package io.github.relu4j;

import static io.github.relu4j.ParallelLoops.ALIGN;
import static io.github.relu4j.ParallelLoops.MIN_CHUNK;
import static io.github.relu4j.ParallelLoops.THRESHOLD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel kernels: the single-threaded kernels' bits around every threshold and piece
 * boundary, for every kernel and storage; no task below the threshold; no deadlock from inside
 * pools, with every pool thread blocked, or with many callers; argument checks before any task;
 * confined segments on the caller, shared ones split; errors from pieces reach the caller.
 *
 * <p>Most tests lower the threshold to {@code 2 * ALIGN} elements, with pieces of at least
 * {@code ALIGN}, so that the same boundaries come at a few thousand elements; a few run at the
 * real threshold. Every call that could hang runs under a timeout.
 */
@Tag("own-jvm") // 51 s in a fresh JVM, 102 to 162 s after the other tests: see pom.xml
class ParallelLoopsTest {
    private static final Engine SCALAR = Engine.scalar();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Slots left on either side of every output range, to catch stray writes. */
    private static final int PAD = 5;
    /** The lowered threshold: two pieces of {@link ParallelLoops#ALIGN}. */
    private static final int LOW = 2 * ALIGN;
    /**
     * Around the lowered threshold and piece boundaries, at parallelism 4: one element short of
     * it, two pieces, a 1-element last piece, 2 pieces for 3 ALIGN + 1, 4 whole pieces, 3 pieces
     * of which the last has one element, 4 uneven pieces.
     */
    private static final int[] LENGTHS = {LOW - 1, LOW, LOW + 1, 3 * ALIGN - 1, 3 * ALIGN, 3 * ALIGN + 1,
        4 * ALIGN, 4 * ALIGN + 1, 10 * ALIGN + 7};

    /** Vector kernels on up to {@code parallelism} threads of {@code pool}, from {@link #LOW} elements. */
    static Engine lowered(int parallelism, ForkJoinPool pool) {
        return Engine.of(new ParallelLoops(VectorLoops.INSTANCE, parallelism, pool, LOW, ALIGN));
    }

    static List<KernelCase> kernels() {
        return KernelCase.all();
    }

    /** One kernel of each kind and type, on arrays and on native segments. */
    static List<KernelCase> fewKernels() {
        return KernelCase.all().stream()
                .filter(k -> (k.storage() == Storage.ARRAY || k.storage() == Storage.NATIVE)
                        && k.typical())
                .toList();
    }

    // Bits.

    @ParameterizedTest
    @MethodSource("kernels")
    void sameBitsAroundTheThresholdAndPieceBoundaries(KernelCase kernel) {
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(kernel.toString().hashCode());
        Engine parallel = lowered(4, ForkJoinPool.commonPool());
        for (int n : LENGTHS) {
            check(kernel, parallel, e.randomBitsArray(3 + n + PAD, random), 3,
                    e.randomBitsArray(5 + n + PAD, random), 5, 7, n);
        }
        check(kernel, parallel, e.randomBitsArray(LOW, random), 0, e.randomBitsArray(LOW, random), 0, 0, LOW);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void inPlace(KernelCase kernel) {
        SplittableRandom random = new SplittableRandom(3);
        Engine parallel = lowered(4, ForkJoinPool.commonPool());
        for (int n : new int[] {LOW + 1, 10 * ALIGN + 7}) {
            for (VectorAgreementTest.Alias alias : VectorAgreementTest.Alias.of(kernel)) {
                VectorAgreementTest.checkInPlace(kernel, parallel.toString(), on(kernel, parallel), alias, 3, n, random);
            }
        }
    }

    /** The real constants, through the public factory. */
    @ParameterizedTest
    @MethodSource("fewKernels")
    void sameBitsAtTheRealThreshold(KernelCase kernel) {
        Engine parallel = Engine.parallel(Engine.vector(), 4);
        ParallelLoops loops = assertInstanceOf(ParallelLoops.class, parallel.loops());
        assertEquals(THRESHOLD, loops.threshold());
        assertEquals(MIN_CHUNK, loops.minChunk());
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(11);
        for (int n : new int[] {THRESHOLD - 1, THRESHOLD, THRESHOLD + 1}) {
            check(kernel, parallel, e.randomBitsArray(n + 1, random), 1, e.randomBitsArray(n + 2, random), 2, 3, n);
        }
    }

    @Test
    void theFacadesAtTheRealThreshold() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = (float[]) Element.FLOAT.randomBitsArray(THRESHOLD + 1, random);
        float[] expected = new float[x.length];
        Activation.relu().on(SCALAR).forward(x, expected);
        float[] y = new float[x.length];
        Activation.relu().forward(x, y);
        assertArrayEquals(Element.FLOAT.allBits(expected), Element.FLOAT.allBits(y));
        double[] xd = (double[]) Element.DOUBLE.randomBitsArray(2 * THRESHOLD + 3, random);
        double[] dy = (double[]) Element.DOUBLE.randomBitsArray(xd.length, random);
        double[] expectedD = new double[xd.length];
        Activation.leakyRelu(0.3).on(SCALAR).backward(xd, dy, expectedD);
        Activation.leakyRelu(0.3).backward(xd, dy, dy);
        assertArrayEquals(Element.DOUBLE.allBits(expectedD), Element.DOUBLE.allBits(dy));
    }

    /** How a range is cut: multiples of ALIGN, no more pieces than the parallelism, none empty. */
    @Test
    void piecesAreAlignedAndNeverEmpty() {
        ParallelLoops real = ParallelLoops.of(VectorLoops.INSTANCE, 8, ForkJoinPool.commonPool());
        assertEquals(MIN_CHUNK, real.step(THRESHOLD), "two pieces at the threshold");
        assertEquals(MIN_CHUNK + ALIGN, real.step(THRESHOLD + 1), "then a short second one");
        assertEquals(MIN_CHUNK, real.step(8L * MIN_CHUNK));
        assertEquals(1L << 21, real.step(1L << 24), "never more pieces than the parallelism");
        ParallelLoops low = (ParallelLoops) lowered(4, ForkJoinPool.commonPool()).loops();
        assertEquals(2048, low.step(LOW + 1)); // [0, 2048) and [2048, 2049)
        assertEquals(2048, low.step(4 * ALIGN + 1)); // 2048, 2048, 1
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            int parallelism = 2 + random.nextInt(300);
            int minChunk = random.nextBoolean() ? ALIGN : MIN_CHUNK;
            ParallelLoops k = new ParallelLoops(VectorLoops.INSTANCE, parallelism,
                    ForkJoinPool.commonPool(), 2 * minChunk, minChunk);
            long length = 2L * minChunk + random.nextLong(1L << random.nextInt(10, 36));
            long step = k.step(length);
            long pieces = Math.ceilDiv(length, step);
            String what = "length " + length + ", parallelism " + parallelism + ", minChunk " + minChunk;
            assertTrue(pieces >= 2 && pieces <= parallelism, what + ": " + pieces + " pieces");
            assertEquals(0, step % ALIGN, what);
            assertTrue((pieces - 1) * step < length, what + ": an empty last piece");
            assertTrue(step >= minChunk, what);
        }
    }

    // Tasks: none below the threshold; never a deadlock.

    @Test
    void belowTheThresholdNoTaskIsCreated() throws InterruptedException {
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(3);
        try {
            Engine parallel = lowered(4, pool);
            SplittableRandom random = new SplittableRandom(2);
            for (KernelCase kernel : kernels()) {
                Element e = kernel.element();
                check(kernel, parallel, e.randomBitsArray(LOW, random), 1, e.randomBitsArray(LOW, random), 0, 2, LOW - 1);
            }
            assertEquals(0, threads.created.get(), "a pool thread was started");
            assertEquals(0, pool.getQueuedSubmissionCount());
            assertEquals(0, pool.getStealCount());
            // and at the threshold there are tasks
            Element e = Element.FLOAT;
            check(KernelCase.of(Op.RELU, false, e, 0, 0), parallel, e.newArray(LOW), 0, e.newArray(LOW),
                    0, 0, LOW);
            assertTrue(threads.created.get() > 0 || pool.getQueuedSubmissionCount() > 0);
        } finally {
            shutDown(pool);
        }
    }

    /** Below the threshold a call allocates nothing: no task, no lambda. */
    @Test
    void belowTheThresholdNothingIsAllocated() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Engine parallel = Engine.of(new ParallelLoops(ScalarLoops.INSTANCE, 4, ForkJoinPool.commonPool(), 64, ALIGN));
        Activation relu = Activation.relu().on(parallel);
        Activation leaky = Activation.leakyRelu(0.1).on(parallel);
        float[] x = new float[63];
        double[] xd = new double[63];
        Runnable calls = () -> {
            relu.forward(x, 0, x, 0, 63);
            leaky.backward(xd, 0, xd, 0, xd, 0, 63);
        };
        for (int i = 0; i < 1000; i++) {
            calls.run();
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        long overhead = bean.getCurrentThreadAllocatedBytes() - before;
        long start = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            calls.run();
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - start - overhead;
        assertTrue(allocated < 1024, allocated + " bytes allocated by 20000 calls below the threshold");
    }

    @Test
    void aPoolWhoseThreadsAreAllBlockedLeavesTheWorkToTheCaller() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        Blockers blockers = Blockers.occupy(pool, 2);
        try {
            Engine parallel = lowered(3, pool);
            assertTimeoutPreemptively(TIMEOUT, () -> checkFew(parallel, 10 * ALIGN + 7, 21));
            Engine real = Engine.parallel(Engine.vector(), pool);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                checkOne(real, 0, THRESHOLD + 1);
                checkOne(real, 5, THRESHOLD + 1);
            });
        } finally {
            blockers.release();
            shutDown(pool);
        }
    }

    /**
     * The common pool with every thread blocked: the caller does every piece, and takes back with
     * tryUnfork the helpers it queued, which an outside thread can do in the common pool.
     */
    @Test
    void theCommonPoolWithEveryThreadBlocked() {
        ForkJoinPool common = ForkJoinPool.commonPool();
        Blockers blockers = Blockers.occupy(common, common.getParallelism());
        try {
            Engine parallel = lowered(4, common);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                long queued = common.getQueuedSubmissionCount();
                checkFew(parallel, 10 * ALIGN + 7, 23);
                assertEquals(queued, common.getQueuedSubmissionCount(), "helpers left in the queue");
            });
        } finally {
            blockers.release();
        }
    }

    @Test
    void callsFromInsidePoolTasks() throws InterruptedException {
        ForkJoinPool custom = new ForkJoinPool(2);
        try {
            Engine onCommon = lowered(4, ForkJoinPool.commonPool());
            Engine onCustom = lowered(3, custom);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                // common-pool tasks calling kernels on the common pool, and on another pool
                IntStream.range(0, 24).parallel().forEach(i -> checkOne(i % 2 == 0 ? onCommon : onCustom, i));
                // nested fork/join trees in the custom pool, calling kernels on both pools
                custom.invoke(new Tree(0, 24, onCustom));
                custom.invoke(new Tree(0, 24, onCommon));
                ForkJoinPool.commonPool().invoke(new Tree(0, 24, onCustom));
                // the default kernels, from inside both pools, at the real threshold
                custom.submit(() -> checkFew(Engine.preferred(), THRESHOLD + 1, 24)).get();
                ForkJoinPool.commonPool().submit(() -> checkFew(Engine.preferred(), THRESHOLD + 1, 25)).get();
            });
        } finally {
            shutDown(custom);
        }
    }

    @Test
    void manyConcurrentCallers() {
        Engine onCommon = lowered(4, ForkJoinPool.commonPool());
        assertTimeoutPreemptively(TIMEOUT, () -> {
            for (ExecutorService callers : List.of(Executors.newFixedThreadPool(16),
                    Executors.newVirtualThreadPerTaskExecutor())) {
                try (callers) {
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < 16; t++) {
                        int seed = t;
                        done.add(callers.submit(() -> {
                            for (int i = 0; i < 8; i++) {
                                checkOne(onCommon, 100 * seed + i, 10 * ALIGN + 7);
                            }
                            if (seed % 4 == 0) {
                                checkOne(Engine.preferred(), seed, THRESHOLD);
                            }
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                }
            }
        });
    }

    // Arguments and segments.

    /** Every check of the contract, at lengths that would be split, before any task or write. */
    @ParameterizedTest
    @MethodSource("fewKernels")
    void badArgumentsAreRejectedBeforeAnyTask(KernelCase kernel) throws InterruptedException {
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(2);
        try {
            Engine parallel = lowered(4, pool);
            Element e = kernel.element();
            int n = 4 * ALIGN + 1;
            SplittableRandom random = new SplittableRandom(4);
            Object x = e.randomBitsArray(n + PAD, random);
            Object dy = e.randomBitsArray(n + PAD, random);
            Object out = e.filled(n + PAD, e.canary);
            ArgumentsTest.rejected(IndexOutOfBoundsException.class, e, () -> run(kernel, parallel, x, 0, dy, 0, out, PAD + 1, n),
                    x, dy, out);
            ArgumentsTest.rejected(IndexOutOfBoundsException.class, e, () -> run(kernel, parallel, x, PAD + 1, dy, 0, out, 0, n),
                    x, dy, out);
            ArgumentsTest.rejected(IndexOutOfBoundsException.class, e, () -> run(kernel, parallel, x, 0, dy, 0, out, -1, n),
                    x, dy, out);
            ArgumentsTest.rejected(IllegalArgumentException.class, e, () -> run(kernel, parallel, x, 0, dy, 0, x, 1, n), x, dy);
            ArgumentsTest.rejected(NullPointerException.class, e, () -> run(kernel, parallel, x, 0, dy, 0, null, 0, n), x, dy);
            if (kernel.backward()) {
                ArgumentsTest.rejected(IndexOutOfBoundsException.class, e,
                        () -> run(kernel, parallel, x, 0, dy, PAD + 1, out, 0, n), x, dy, out);
                ArgumentsTest.rejected(IllegalArgumentException.class, e, () -> run(kernel, parallel, x, 0, dy, 2, dy, 0, n), x, dy);
            }
            assertEquals(0, threads.created.get(), "a pool thread was started");
            assertEquals(0, pool.getQueuedSubmissionCount());
        } finally {
            shutDown(pool);
        }
    }

    @Test
    void invalidParametersAreRejectedBeforeAnyTask() throws InterruptedException {
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(2);
        try {
            Engine parallel = lowered(4, pool);
            int n = 4 * ALIGN + 1;
            float[] xf = new float[n];
            float[] outf = (float[]) Element.FLOAT.filled(n, Element.FLOAT.canary);
            double[] xd = new double[n];
            double[] outd = (double[]) Element.DOUBLE.filled(n, Element.DOUBLE.canary);
            try (Arena arena = Arena.ofShared()) {
                MemorySegment xs = arena.allocate(8L * n, 64);
                MemorySegment outs = arena.allocate(8L * n, 64);
                // Parameters that overflow a float: the float forms reject them on the caller.
                for (Activation a : List.of(Activation.leakyRelu(1e300).on(parallel),
                        Activation.hardtanh(-1e300, 0).on(parallel), Activation.threshold(0, 1e40).on(parallel))) {
                    ArgumentsTest.rejected(IllegalArgumentException.class, Element.FLOAT,
                            () -> a.forward(xf, 0, outf, 0, n), outf);
                    ArgumentsTest.rejected(IllegalArgumentException.class, Element.FLOAT,
                            () -> a.backward(xf, 0, xf, 0, outf, 0, n), outf);
                    assertThrows(IllegalArgumentException.class, () -> a.forwardF32(xs, 0, outs, 0, n));
                    assertThrows(IllegalArgumentException.class, () -> a.backwardF32(xs, 0, xs, 0, outs, 0, n));
                }
                ArgumentsTest.rejected(IndexOutOfBoundsException.class, Element.DOUBLE,
                        () -> Activation.relu().on(parallel).forward(xd, 1, outd, 0, n), outd);
                assertThrows(IllegalArgumentException.class,
                        () -> Activation.relu().on(parallel).forwardF64(xs, 0, outs.asReadOnly(), 0, n));
                assertEquals(-1, outs.mismatch(arena.allocate(8L * n)), "a rejected call wrote");
            }
            assertEquals(0, threads.created.get(), "a pool thread was started");
        } finally {
            shutDown(pool);
        }
    }

    /** Confined segments run on the caller: same bits, no task. */
    @ParameterizedTest
    @MethodSource("kernels")
    void confinedSegmentsRunOnTheCaller(KernelCase kernel) throws InterruptedException {
        if (kernel.storage() == Storage.ARRAY || !kernel.typical()) {
            return;
        }
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(2);
        try {
            Engine parallel = lowered(4, pool);
            Element e = kernel.element();
            SplittableRandom random = new SplittableRandom(6);
            int n = 10 * ALIGN + 7;
            Object x = e.randomBitsArray(n + 1, random);
            Object dy = e.randomBitsArray(n + 1, random);
            Object expected = e.filled(n + PAD, e.canary);
            Object actual = e.filled(n + PAD, e.canary);
            kernel.run(SCALAR, x, 1, dy, 0, expected, 2, n);
            kernel.run(parallel, x, 1, dy, 0, actual, 2, n); // Storage's own arena: confined
            VectorAgreementTest.assertRange(e, expected, actual, 2, n, kernel + " on confined segments");
            boolean heapViews = kernel.storage() == Storage.HEAP; // these are arrays, and may split
            assertTrue(heapViews || threads.created.get() == 0, "a pool thread was started");
        } finally {
            shutDown(pool);
        }
    }

    @Test
    void segmentsConfinedToAnotherThreadFailAsBefore() throws Exception {
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(2);
        Engine parallel = lowered(4, pool);
        int n = 4 * ALIGN;
        try (Arena shared = Arena.ofShared(); ExecutorService other = Executors.newSingleThreadExecutor()) {
            MemorySegment mine = shared.allocate(4L * n, 64);
            Arena[] theirs = new Arena[1];
            MemorySegment foreign = other.submit(() -> {
                theirs[0] = Arena.ofConfined();
                return theirs[0].allocate(4L * n, 64);
            }).get();
            Activation relu = Activation.relu().on(parallel);
            assertThrows(WrongThreadException.class, () -> relu.forwardF32(foreign, 0, mine, 0, n));
            assertThrows(WrongThreadException.class, () -> relu.forwardF32(mine, 0, foreign, 0, n));
            assertThrows(WrongThreadException.class,
                    () -> Activation.leakyRelu(0.1).on(parallel).backwardF32(mine, 0, foreign, 0, mine, 0, n));
            assertEquals(-1, mine.mismatch(shared.allocate(4L * n)), "a call wrote");
            other.submit(() -> theirs[0].close()).get();
        } finally {
            shutDown(pool);
        }
        assertEquals(0, threads.created.get(), "a pool thread was started");
    }

    /** Shared segments and arrays are split: a pool thread is seen running a kernel on a piece. */
    @Test
    void sharedSegmentsAndArraysReallySplit() throws InterruptedException {
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(1);
        try (Arena arena = Arena.ofShared()) {
            // The scalar kernels, and pieces of 4 Mi elements, so that a piece lasts milliseconds.
            Activation relu = Activation.relu().on(Engine.of(new ParallelLoops(ScalarLoops.INSTANCE, 2, pool, LOW,
                    ALIGN)));
            int n = 1 << 23;
            MemorySegment segment = arena.allocate(4L * n, 64);
            float[] array = new float[n];
            assertTimeoutPreemptively(TIMEOUT, () -> {
                assertTrue(threads.seenRunningAPiece(() -> relu.forwardF32(segment, 0, segment, 0, n)),
                        "no pool thread ran a piece of a shared segment");
                assertTrue(threads.seenRunningAPiece(() -> relu.forward(array, 0, array, 0, n)),
                        "no pool thread ran a piece of an array");
            });
        } finally {
            shutDown(pool);
        }
    }

    @Test
    void aClosedSharedSegmentFailsAsBefore() throws InterruptedException {
        CountingThreads threads = new CountingThreads();
        ForkJoinPool pool = threads.pool(2);
        try (Arena open = Arena.ofShared()) {
            Engine parallel = lowered(4, pool);
            int n = 10 * ALIGN + 7;
            Arena closed = Arena.ofShared();
            MemorySegment dead = closed.allocate(8L * n, 64);
            closed.close();
            MemorySegment out = open.allocate(8L * n, 64);
            out.fill((byte) 0x5a);
            MemorySegment before = open.allocate(8L * n).copyFrom(out);
            Activation relu = Activation.relu().on(parallel);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> relu.forwardF64(dead, 0, out, 0, n));
            assertEquals("Already closed", e.getMessage());
            assertThrows(IllegalStateException.class, () -> relu.backwardF32(out, 0, dead, 0, out, 0, n));
            assertEquals(-1, out.mismatch(before), "a failed call wrote");
        } finally {
            shutDown(pool);
        }
    }

    /** A shared arena closed while calls run: some piece fails, and the caller gets its exception. */
    @Test
    void aSegmentClosedDuringTheCallFailsTheCall() {
        Activation relu = Activation.relu().on(lowered(4, ForkJoinPool.commonPool()));
        assertTimeoutPreemptively(TIMEOUT, () -> {
            Arena arena = Arena.ofShared();
            int n = 1 << 22;
            MemorySegment segment = arena.allocate(4L * n, 64);
            CountDownLatch running = new CountDownLatch(1);
            Thread closer = Thread.ofPlatform().start(() -> {
                awaitUninterruptibly(running);
                arena.close();
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (long calls = 0; ; calls++) {
                    if (calls == 3) {
                        running.countDown();
                    }
                    relu.forwardF32(segment, 0, segment, 0, n);
                }
            });
            assertTrue(String.valueOf(e.getMessage()).contains("closed"), e.toString());
            // The JDK delivers the exception to a thread caught inside an access asynchronously, and
            // may leave that thread interrupted; the single-threaded kernels do the same.
            Thread.interrupted();
            closer.join();
        });
    }

    // The factories.

    @Test
    void factories() throws InterruptedException {
        Engine vector = Engine.vector();
        assertSame(vector.loops(), Engine.parallel(vector, 1).loops());
        assertSame(SCALAR.loops(), Engine.parallel(Engine.parallel(SCALAR, 3), 1).loops());
        assertThrows(IllegalArgumentException.class, () -> Engine.parallel(vector, 0));
        assertThrows(IllegalArgumentException.class, () -> Engine.parallel(vector, -2));
        assertThrows(NullPointerException.class, () -> Engine.parallel(null, 2));
        assertThrows(NullPointerException.class, () -> Engine.parallel(vector, (ForkJoinPool) null));

        Engine three = Engine.parallel(vector, 3);
        assertEquals("vector x3", three.name());
        assertTrue(three.toString().startsWith(vector.toString() + " x3"), three.toString());
        assertSame(ForkJoinPool.commonPool(), ((ParallelLoops) three.loops()).pool());
        Engine five = Engine.parallel(three, 5);
        assertSame(vector.loops(), ParallelLoops.serial(five.loops()), "a parallel one is unwrapped");
        assertEquals("vector x5", five.name());
        assertEquals("scalar x2", Engine.parallel(SCALAR, 2).name());

        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            ParallelLoops onPool = (ParallelLoops) Engine.parallel(three, pool).loops();
            assertSame(pool, onPool.pool());
            assertEquals(4, onPool.parallelism(), "the pool's threads and the caller");
            assertSame(vector.loops(), ParallelLoops.serial(onPool));
        } finally {
            shutDown(pool);
        }
        assertThrows(IllegalArgumentException.class, () -> new ParallelLoops(three.loops(), 2,
                ForkJoinPool.commonPool(), LOW, ALIGN));
        assertThrows(IllegalArgumentException.class, () -> new ParallelLoops(VectorLoops.INSTANCE, 1,
                ForkJoinPool.commonPool(), LOW, ALIGN));
        assertThrows(IllegalArgumentException.class, () -> new ParallelLoops(VectorLoops.INSTANCE, 2,
                ForkJoinPool.commonPool(), LOW, ALIGN + 1));
        assertEquals(MIN_CHUNK, ParallelLoops.minChunk(THRESHOLD));
        assertEquals(MIN_CHUNK, ParallelLoops.minChunk(Integer.MAX_VALUE));
        assertEquals(2048, ParallelLoops.minChunk(5000));
        assertEquals(ALIGN, ParallelLoops.minChunk(1));
    }

    @Test
    void preferredIsTheChosenKernelsOnEveryProcessor() throws InterruptedException {
        int processors = Runtime.getRuntime().availableProcessors();
        Engine preferred = Engine.preferred();
        assertInstanceOf(WarmingLoops.class, ParallelLoops.serial(preferred.loops()));
        // Up to 20 s per kernel that is not faster in time (WarmingLoops.PATIENCE_NANOS), on one
        // thread: with four formats, a loaded machine took 76 s; FallbackTest allows as long.
        assertTrue(preferred.warmUp().awaitWarmUp(java.time.Duration.ofSeconds(300)), "warm-up settled");
        if (processors > 1) {
            ParallelLoops p = assertInstanceOf(ParallelLoops.class, preferred.loops());
            assertEquals(processors, p.parallelism());
            assertSame(ForkJoinPool.commonPool(), p.pool());
            assertEquals(THRESHOLD, p.threshold());
            assertEquals("vector x" + processors, preferred.name());
        }
    }

    // Helpers.

    /** Runs {@code kernel} on arrays, or on segments of a shared arena, which any thread may use. */
    static void run(KernelCase kernel, Engine kernels, Object x, int xOffset, Object dy, int dyOffset, Object out,
                    int outOffset, int length) {
        if (kernel.storage() == Storage.ARRAY) {
            kernel.run(kernels, x, xOffset, dy, dyOffset, out, outOffset, length);
        } else {
            kernel.storage().run(kernel.element(), kernel.segmentCall(), kernels, x, xOffset, dy, dyOffset, out,
                    outOffset, length, true);
        }
    }

    /** {@link VectorAgreementTest#check} for {@code kernels}, on arrays or shared-arena segments. */
    static void check(KernelCase kernel, Engine kernels, Object x, int xOffset, Object dy, int dyOffset,
                      int outOffset, int n) {
        VectorAgreementTest.check(kernel, kernels.toString(), on(kernel, kernels), x, xOffset, dy, dyOffset,
                outOffset, n);
    }

    private static VectorAgreementTest.Call on(KernelCase kernel, Engine kernels) {
        return (x, xo, dy, dyo, out, oo, n) -> run(kernel, kernels, x, xo, dy, dyo, out, oo, n);
    }

    /** One call of one of the few kernels, chosen by {@code seed}, at a length that splits in four. */
    static void checkOne(Engine kernels, int seed) {
        checkOne(kernels, seed, 10 * ALIGN + 7);
    }

    static void checkOne(Engine kernels, int seed, int n) {
        List<KernelCase> few = fewKernels();
        KernelCase kernel = few.get(Math.floorMod(seed, few.size()));
        Element e = kernel.element();
        SplittableRandom random = new SplittableRandom(seed);
        check(kernel, kernels, e.randomBitsArray(n + 1, random), 1, e.randomBitsArray(n, random), 0, 1, n);
    }

    /** A call of each of the few kernels, at length {@code n}. */
    static void checkFew(Engine kernels, int n, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (KernelCase kernel : fewKernels()) {
            Element e = kernel.element();
            check(kernel, kernels, e.randomBitsArray(n, random), 0, e.randomBitsArray(n + 3, random), 3, 2, n);
        }
    }

    private static void shutDown(ForkJoinPool pool) throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool did not stop");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fork/join tree whose every leaf calls the kernels, from inside the pool. */
    private static final class Tree extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;
        private final transient Engine kernels;

        Tree(int from, int to, Engine kernels) {
            this.from = from;
            this.to = to;
            this.kernels = kernels;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                checkOne(kernels, from);
            } else {
                int middle = (from + to) >>> 1;
                invokeAll(new Tree(from, middle, kernels), new Tree(middle, to, kernels));
            }
        }
    }

    /** Occupies threads of a pool until released, without letting the pool add threads for them. */
    private static final class Blockers {
        private final AtomicBoolean released = new AtomicBoolean();

        static Blockers occupy(ForkJoinPool pool, int threads) {
            Blockers blockers = new Blockers();
            CountDownLatch started = new CountDownLatch(threads);
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    started.countDown();
                    while (!blockers.released.get()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    }
                });
            }
            awaitUninterruptibly(started);
            return blockers;
        }

        void release() {
            released.set(true);
        }
    }

    /** A pool thread factory that counts the threads it makes and can watch what they run. */
    private static final class CountingThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
        final AtomicInteger created = new AtomicInteger();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        ForkJoinPool pool(int parallelism) {
            return new ForkJoinPool(parallelism, this, null, false);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            created.incrementAndGet();
            threads.add(thread);
            return thread;
        }

        /**
         * Runs {@code call} (up to 20 times) while another thread samples the stacks of this
         * factory's threads; true once one of them is seen inside a kernel.
         */
        boolean seenRunningAPiece(Runnable call) throws InterruptedException {
            AtomicBoolean seen = new AtomicBoolean();
            for (int attempt = 0; attempt < 20 && !seen.get(); attempt++) {
                AtomicBoolean done = new AtomicBoolean();
                Thread sampler = Thread.ofPlatform().start(() -> {
                    while (!done.get() && !seen.get()) {
                        for (Thread t : threads) {
                            for (StackTraceElement frame : t.getStackTrace()) {
                                if (frame.getClassName().equals(ScalarLoops.class.getName())) {
                                    seen.set(true);
                                }
                            }
                        }
                        Thread.onSpinWait();
                    }
                });
                try {
                    call.run();
                } finally {
                    done.set(true);
                    sampler.join();
                }
            }
            return seen.get();
        }
    }
}
