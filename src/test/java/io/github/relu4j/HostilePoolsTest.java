package io.github.relu4j;

import static io.github.relu4j.ParallelLoops.ALIGN;
import static io.github.relu4j.ParallelLoops.THRESHOLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Pools that cannot help: one whose thread factory throws (what a thread or pids limit does),
 * one whose {@code execute} throws an Error, one whose every thread is blocked for a very long
 * time. A call still returns normally with every element written, throws nothing after its work
 * is done, and leaves no growing pile of helper tasks behind.
 */
class HostilePoolsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aPoolWhoseThreadFactoryThrowsLeavesTheWorkToTheCaller() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2, p -> {
            throw new IllegalStateException("no threads for this pool");
        }, null, false);
        try {
            Engine lowered = ParallelLoopsTest.lowered(3, pool);
            Engine real = Engine.parallel(Engine.vector(), pool);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                ParallelLoopsTest.checkFew(lowered, 10 * ALIGN + 7, 31);
                for (int seed = 0; seed < 50; seed++) {
                    ParallelLoopsTest.checkOne(lowered, seed);
                }
                ParallelLoopsTest.checkOne(real, 1, THRESHOLD + 1);
                ParallelLoopsTest.checkOne(real, 6, 3 * THRESHOLD);
            });
            // No thread ever ran a helper: those queued are bounded by each engine's parallelism - 1.
            assertTrue(pool.getQueuedSubmissionCount() <= 2 + 2, pool.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolWhoseExecuteThrowsAnErrorLeavesTheWorkToTheCaller() {
        AtomicInteger attempts = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(2) {
            @Override
            public void execute(ForkJoinTask<?> task) {
                attempts.incrementAndGet();
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
        };
        try {
            Engine lowered = ParallelLoopsTest.lowered(3, pool);
            assertTimeoutPreemptively(TIMEOUT, () -> {
                for (int seed = 0; seed < 20; seed++) {
                    ParallelLoopsTest.checkOne(lowered, seed);
                }
            });
            assertTrue(attempts.get() > 0, "the pool was never asked");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every worker blocked for the whole test: 200,000 calls just above the threshold each want a
     * helper. At most {@code parallelism - 1} of the engine's helpers are ever queued, and the
     * retained heap does not grow with the number of calls.
     */
    @Test
    void helpersQueuedInABlockedPoolStayBounded() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        AtomicBoolean released = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                started.countDown();
                while (!released.get()) {
                    LockSupport.parkNanos(100_000);
                }
            });
        }
        started.await();
        try {
            Engine engine = ParallelLoopsTest.lowered(3, pool);
            ParallelLoops loops = (ParallelLoops) engine.loops();
            Activation relu = Activation.relu().on(engine);
            float[] x = new float[2 * ALIGN + 1];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 2 == 0 ? -i : i;
            }
            assertTimeoutPreemptively(TIMEOUT, () -> {
                relu.forward(x, y); // warm up before the first heap reading
                long before = retainedHeap();
                int calls = 200_000;
                for (int c = 0; c < calls; c++) {
                    relu.forward(x, y);
                    if (c % 10_000 == 0) {
                        assertTrue(loops.queuedHelpers() <= 2, "queued helpers: " + loops.queuedHelpers());
                        assertTrue(pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount() <= 2,
                                "after " + c + " calls: " + pool);
                    }
                }
                long grown = retainedHeap() - before;
                assertTrue(grown < 8L << 20, grown + " bytes retained after " + calls + " calls");
            });
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(i % 2 == 0 ? 0f : i),
                        Float.floatToRawIntBits(y[i]), "element " + i);
            }
        } finally {
            released.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "the pool did not stop");
        }
    }

    private static long retainedHeap() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
