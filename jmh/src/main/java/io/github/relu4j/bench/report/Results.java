package io.github.relu4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** The results of one JMH JSON file, looked up by benchmark class, method and parameters. */
record Results(List<JmhResult> all) {
    /** The {@code data} parameter of the kernel benchmarks: uniform in [-1, 1), half negative. */
    static final String RANDOM = "random";
    /** The {@code data} parameter of the kernel benchmarks: every element positive. */
    static final String POSITIVE = "positive";

    Results {
        all = List.copyOf(all);
    }

    /** The results in {@code file}, or none if the run did not write that file. */
    static Results readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? read(file) : new Results(List.of());
    }

    static Results read(Path file) throws IOException {
        return new Results(JmhJson.parse(Files.readString(file)));
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    List<JmhResult> ofClass(String className) {
        return all.stream().filter(r -> r.className().equals(className)).toList();
    }

    Optional<JmhResult> find(String className, String method, int size, String data) {
        return ofClass(className).stream()
                .filter(r -> r.method().equals(method) && r.size() == size && r.param("data").orElse("").equals(data))
                .findFirst();
    }

    /** The sizes measured for a class, smallest first. */
    SortedSet<Integer> sizes(String className) {
        TreeSet<Integer> sizes = new TreeSet<>();
        ofClass(className).forEach(r -> sizes.add(r.size()));
        return sizes;
    }
}
