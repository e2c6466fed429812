package io.github.relu4j;

/**
 * Which suite runs: the default one (the README's test command, kept to a few minutes per leg) or
 * the full one ({@code ./test.sh --full}, system property {@value #FULL}), in which the longest
 * proofs also take the implementations and orders the default leaves out. Each test that
 * differs says what the full suite adds.
 */
final class Suite {
    /** System property: {@code true} runs the full suite. */
    static final String FULL = "relu4j.full";

    private Suite() {}

    static boolean full() {
        return Boolean.getBoolean(FULL);
    }
}
