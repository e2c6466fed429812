package io.github.relu4j.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one {@code ./bench} run left in its directory: the JMH JSON files, each empty when the run
 * did not write it, and {@code machine.properties}.
 */
record Run(List<JmhResult> kernels, List<JmhResult> skewed, List<JmhResult> gc, List<JmhResult> parallel,
        List<JmhResult> peers, List<JmhResult> alignment, List<JmhResult> prelu, List<JmhResult> half,
        List<JmhResult> halfVariants, List<JmhResult> fused, Map<String, String> machine) {

    static Run read(Path dir) throws IOException {
        Map<String, String> machine = new HashMap<>();
        Path properties = dir.resolve("machine.properties");
        if (Files.exists(properties)) {
            // Read as ./bench writes it, key=value lines, not as java.util.Properties: that would
            // drop the backslashes of a recorded pattern such as .*\.vector$.
            for (String line : Files.readAllLines(properties, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    machine.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        }
        // The runs of some sizes or loops each (the plain loops; beyond the caches; the portable
        // kernels and their reference at 16 Ki) join the kernels: the report finds every twin there.
        List<JmhResult> kernels = new ArrayList<>();
        for (String part : List.of("kernels", "plain", "memory", "portable")) {
            kernels.addAll(json(dir, part));
        }
        List<JmhResult> alignment = new ArrayList<>();
        for (String part : List.of("alignment", "alignment-memory", "alignment-avx2")) {
            alignment.addAll(json(dir, part));
        }
        // The 16-bit formats in the caches and beyond them (one call an iteration) join likewise.
        List<JmhResult> half = new ArrayList<>(json(dir, "half"));
        half.addAll(json(dir, "half-memory"));
        // The peers' 16-bit formats run at their own sizes, into their own file.
        // The fused forms likewise.
        List<JmhResult> fused = new ArrayList<>(json(dir, "fused"));
        fused.addAll(json(dir, "fused-memory"));
        List<JmhResult> peers = new ArrayList<>(json(dir, "peers"));
        peers.addAll(json(dir, "peers-formats"));
        return new Run(List.copyOf(kernels), json(dir, "skewed"), json(dir, "gc"), json(dir, "parallel"),
                List.copyOf(peers), List.copyOf(alignment), json(dir, "prelu"), List.copyOf(half),
                json(dir, "half-variants"), List.copyOf(fused), Map.copyOf(machine));
    }

    private static List<JmhResult> json(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        return Files.exists(file) ? JmhJson.parse(Files.readString(file)) : List.of();
    }

    /** A {@code machine.properties} value, or {@code not recorded}. */
    String machine(String key) {
        String value = machine.getOrDefault(key, "");
        return value.isEmpty() ? "not recorded" : value;
    }

    /** Every result of every file, for what they share: JDK, JVM arguments, JMH. */
    List<JmhResult> all() {
        List<JmhResult> all = new ArrayList<>(kernels);
        List.of(skewed, gc, parallel, peers, alignment, prelu, half, halfVariants, fused).forEach(all::addAll);
        return all;
    }

    /** The distinct values of {@code key} in the order the results first show them. */
    static List<String> distinct(List<JmhResult> results, Function<JmhResult, String> key) {
        LinkedHashSet<String> values = new LinkedHashSet<>();
        results.forEach(r -> values.add(key.apply(r)));
        return List.copyOf(values);
    }

    /** The sizes measured, smallest first. */
    static SortedSet<Integer> sizes(List<JmhResult> results) {
        TreeSet<Integer> sizes = new TreeSet<>();
        results.forEach(r -> sizes.add(r.size()));
        return sizes;
    }

    /**
     * The result of {@code method} whose every parameter has the value {@code params} gives it:
     * with a vector result's parameters this finds its scalar twin as well as its bound, which has
     * no {@code kernel} or {@code pass} parameter.
     */
    static Optional<JmhResult> find(List<JmhResult> results, String method, Map<String, String> params) {
        return results.stream().filter(r -> r.method().equals(method)
                && r.params().entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey()))))
                .findFirst();
    }
}
