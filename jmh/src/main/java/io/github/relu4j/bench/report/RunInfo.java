package io.github.relu4j.bench.report;

import java.util.List;

/** How JMH ran a benchmark: its own version, and the JVM it forked with which arguments. */
record RunInfo(String jmhVersion, String jdkVersion, String vmName, String vmVersion, List<String> jvmArgs) {
    RunInfo {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
