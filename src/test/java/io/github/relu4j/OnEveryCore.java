package io.github.relu4j;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs numbered chunks of a long check on one platform thread per processor, each thread with its
 * own confined arena and buffers, until every chunk has passed or one has failed.
 */
final class OnEveryCore {
    private OnEveryCore() {}

    /** One thread's checker: checks chunk {@code c}, returns the elements it checked, or throws. */
    @FunctionalInterface
    interface ChunkCheck {
        long check(int chunk);
    }

    /** How a run went: elements checked, seconds taken, threads used. */
    record Run(long checked, double seconds, int threads) {}

    /**
     * Checks chunks 0 .. chunks - 1 with a checker each thread makes from its arena; the first
     * failure (an exception, with {@code what} and the chunk) stops every thread and is rethrown.
     */
    static Run check(String what, int chunks, Function<Arena, ChunkCheck> perThread) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger nextChunk = new AtomicInteger();
        AtomicLong checked = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name(what + "-" + t).start(() -> {
                int c = -1;
                try (Arena arena = Arena.ofConfined()) {
                    ChunkCheck checker = perThread.apply(arena);
                    while (failure.get() == null && (c = nextChunk.getAndIncrement()) < chunks) {
                        checked.addAndGet(checker.check(c));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, what + ", chunk " + c + ": " + e.getMessage());
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return new Run(checked.get(), (System.nanoTime() - start) / 1e9, threads);
    }
}
