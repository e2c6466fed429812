package io.github.relu4j.bench;

import io.github.relu4j.Engine;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * For benchmarks of {@link Engine#preferred()}: before the trial, the chosen kernel is called on
 * the preferred engine until its warm-up starts, and the warm-up is waited for, so that JMH
 * measures the compiled vector loop and not the reference it runs until then ({@code ColdStart}
 * measures that). Only that kernel: warming them all would cost every fork seconds, and would
 * run the reference's loops on other data than the benchmark's.
 */
@State(Scope.Thread)
public class PreferredWarmUp {
    /** Calls enough for the smallest size: the warm-up starts after 2^18 elements of work, each call counting 256 more. */
    private static final int CALLS = 1024;
    /** Twice the elements of work that start the warm-up: the large sizes need a few calls, not 1024. */
    private static final int WORK = 1 << 19;

    @Setup(Level.Trial)
    public void setUp(KernelData d, KernelChoice k) throws InterruptedException {
        for (int i = 0, calls = Math.min(CALLS, WORK / d.size + 2); i < calls; i++) {
            KernelsBenchmark.run(k.preferred, k.backward, d, d.resident());
        }
        if (!Engine.preferred().awaitWarmUp(Duration.ofMinutes(2))) {
            throw new IllegalStateException("the preferred engine's warm-up did not end: " + Engine.preferred());
        }
    }
}
