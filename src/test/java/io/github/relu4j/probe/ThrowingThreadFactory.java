package io.github.relu4j.probe;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A pool thread factory that fails as a thread or pids limit makes thread creation fail:
 * {@code DispatchProcessTest} makes it the common pool's, so no common pool thread ever starts.
 */
public final class ThrowingThreadFactory implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
    }
}
