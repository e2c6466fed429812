package io.github.relu4j.bench;

/**
 * Where the forks' arrays sit against cache lines. A Java array's elements start 16 bytes after
 * the object and objects are 8-byte aligned, so a 64-byte vector of a kernel's array falls on one
 * cache line only when the array happens to start at 48 mod 64 (one placement in eight), and
 * which placement a fork draws changes from one JVM to the next: a one-fork figure of a Vector
 * API loop in the caches moves with it (see AlignmentBenchmark). With 64-byte object alignment
 * every array's elements start at 16 mod 64, so every fork measures the usual case, split
 * vectors, and ratios between forks are decided by the code, not by the collector's placement.
 */
final class Placement {
    /** The JVM option that gives every fork the same placement. */
    static final String PINNED = "-XX:ObjectAlignmentInBytes=64";

    private Placement() {}
}
