package io.github.relu4j.peers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What every peer benchmark shares: the sizes of the main suite, average time per call in
 * nanoseconds, and forks that may load native code. One operation is one call over {@code size}
 * floats, with the input already in the peer's own tensor type.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Dai.djl.offline=true"})
public abstract class PeerBenchmark {
    /** Elements per call: the main suite's sizes, and 1 Mi and 16 Mi for the multi-core comparison. */
    @Param({"1024", "16384", "262144", "1048576", "4194304", "16777216", "67108864"})
    public int size;
}
