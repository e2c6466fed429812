package io.github.relu4j.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** What {@code ./bench} recorded about the machine and the run in {@code machine.properties}. */
record Machine(Map<String, String> values) {
    private static final String NOT_RECORDED = "not recorded";

    Machine {
        values = Map.copyOf(values);
    }

    /** The recorded machine, or one that knows nothing if the file is missing. */
    static Machine readIfPresent(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        }
        return new Machine(values);
    }

    private String get(String key) {
        String value = values.getOrDefault(key, "").strip();
        return value.isEmpty() ? NOT_RECORDED : value;
    }

    String cpuModel() {
        return get("cpu.model");
    }

    /** Logical CPUs. */
    String logicalCores() {
        return get("cpu.cores");
    }

    /** The SIMD-relevant CPU flags, space-separated. */
    String cpuFlags() {
        return get("cpu.flags");
    }

    String memory() {
        return get("memory");
    }

    String os() {
        return get("os");
    }

    /** When the run started, ISO date-time in UTC. */
    String date() {
        return get("date");
    }

    /** The first line of {@code java -version} on the machine. */
    String javaVersion() {
        return get("java.version");
    }

    /** The JMH settings of the run, as text. */
    String settings() {
        return get("settings");
    }

    /** The command that made the run, e.g. {@code ./bench --full}. */
    String command() {
        return get("command");
    }

    /** How many threads the peers' "all" setting means, e.g. {@code 2}, if recorded. */
    Optional<String> peersAllThreads() {
        return optional("peers.threads.all");
    }

    /** The C compiler's version line, or why the C peer was not built, if recorded. */
    Optional<String> peersC() {
        return optional("peers.c");
    }

    private Optional<String> optional(String key) {
        return Optional.of(values.getOrDefault(key, "").strip()).filter(v -> !v.isEmpty());
    }
}
