package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a program that has just started pays: fresh JVMs, each timing its first 1,000 calls of
 * one public kernel ({@code Activation.leakyRelu().forward(float[], float[])} and
 * {@code Activation.relu().backward}, the default engine) on random-sign data, under three
 * settings of the same library: the preferred engine as shipped (vector kernels after a warm-up
 * on the scalar reference), the vector kernels from the first call ({@code -Drelu4j.warmup=false},
 * the 0.2 behaviour), and the scalar reference ({@code Engine.scalar()}, on as many threads as the default engine). JMH measures steady
 * states; this measures the start, so it runs its own JVMs ({@code SingleShotTime} over as many
 * forks would measure the same first call but not calls 2 to 1,000 of one JVM).
 *
 * <p>Then a timeline: JVMs calling Leaky ReLU forward for a second, the mean call time in each
 * 100 ms window, preferred engine against the reference, which shows when the warm-up ends.
 *
 * <p>{@code java -cp benchmarks.jar io.github.relu4j.bench.ColdStart OUT_DIR [FORKS]} writes
 * {@code cold-start.csv} (one row per JVM) and {@code cold-start.md} (medians over the forks, and
 * their range) into {@code OUT_DIR}; the JVMs of one size run interleaved, setting after
 * setting, so that a noisy minute hits all settings alike.
 */
public final class ColdStart {
    static final int CALLS = 1000;
    static final int[] SIZES = {1024, 16384, 2 * 1024 * 1024};
    static final String[] KERNELS = {"leakyRelu.forward", "relu.backward"};

    /** A setting: its name in the tables and the JVM options that make it. */
    record Setting(String name, List<String> options) {}

    /**
     * The child's engine: the default one, or with {@code reference} the scalar reference split as
     * the default engine splits (on the caller and the common pool from 2^20 elements). Not
     * {@code -Drelu4j.vector=false}: that runs the portable kernels since they exist.
     */
    static final String ENGINE_PROPERTY = "relu4j.bench.engine";

    static final List<Setting> SETTINGS = List.of(
            new Setting("preferred (warm-up)", List.of()),
            new Setting("vector from call 1", List.of("-Drelu4j.warmup=false")),
            new Setting("scalar reference", List.of("-D" + ENGINE_PROPERTY + "=reference")));

    static Activation onTheSettingsEngine(Activation a) {
        return "reference".equals(System.getProperty(ENGINE_PROPERTY))
                ? a.on(Engine.parallel(Engine.scalar(), java.util.concurrent.ForkJoinPool.commonPool())) : a;
    }

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("child")) {
            child(args[1], Integer.parseInt(args[2]));
            return;
        }
        if (args.length >= 1 && args[0].equals("timeline")) {
            timeline(Integer.parseInt(args[1]));
            return;
        }
        Path out = Path.of(args.length >= 1 ? args[0] : ".");
        int forks = args.length >= 2 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(out);
        List<String> csv = new ArrayList<>(List.of("kernel,size,setting,fork,first_us,calls1to100_us,calls101to1000_us"));
        List<Row> rows = new ArrayList<>();
        for (String kernel : KERNELS) {
            for (int size : SIZES) {
                for (int fork = 0; fork < forks; fork++) {
                    for (Setting setting : SETTINGS) {
                        double[] t = run(kernel, size, setting);
                        rows.add(new Row(kernel, size, setting.name(), t));
                        csv.add(String.format(Locale.ROOT, "%s,%d,%s,%d,%.1f,%.1f,%.1f", kernel, size, setting.name(),
                                fork, t[0], t[1], t[2]));
                        System.out.printf(Locale.ROOT, "%-18s %8d %-20s first %9.1f us, calls 1-100 %9.1f us,"
                                + " 101-1000 %8.1f us%n", kernel, size, setting.name(), t[0], t[1], t[2]);
                    }
                }
            }
        }
        Files.write(out.resolve("cold-start.csv"), csv, StandardCharsets.UTF_8);
        StringBuilder timelines = new StringBuilder("""

                ## When the warm-up ends

                Fresh JVMs calling `Activation.leakyRelu().forward` for %.1f s, the mean time of a call in
                each %d ms window, in microseconds (one row per JVM): where the preferred engine switches
                from the scalar reference to the compiled vector loop.

                | size | setting | %s |
                |---:|---|%s
                """.formatted(WINDOWS * WINDOW_MS / 1000.0, WINDOW_MS,
                java.util.stream.IntStream.rangeClosed(1, WINDOWS).mapToObj(w -> "≤ " + w * WINDOW_MS + " ms")
                        .collect(java.util.stream.Collectors.joining(" | ")), "---:|".repeat(WINDOWS)));
        for (int size : TIMELINE_SIZES) {
            for (int fork = 0; fork < 2; fork++) {
                for (Setting setting : List.of(SETTINGS.getFirst(), SETTINGS.getLast())) {
                    List<String> command = command(setting, List.of("timeline", Integer.toString(size)));
                    String line = firstLine(command);
                    System.out.printf(Locale.ROOT, "timeline %8d %-20s %s%n", size, setting.name(), line);
                    timelines.append("| ").append(size(size)).append(" | ").append(setting.name()).append(" | ")
                            .append(String.join(" | ", line.trim().split(" "))).append(" |\n");
                }
            }
        }
        Files.writeString(out.resolve("cold-start.md"), table(rows, forks) + timelines, StandardCharsets.UTF_8);
    }

    static final int WINDOWS = 10;
    static final int WINDOW_MS = 100;
    static final int[] TIMELINE_SIZES = {1024, 16384};

    /** The timeline child: WINDOWS windows of WINDOW_MS, the mean call time in each (us). */
    static void timeline(int size) {
        SplittableRandom random = new SplittableRandom(42);
        float[] x = new float[size];
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
        }
        long start = System.nanoTime();
        Activation a = onTheSettingsEngine(Activation.leakyRelu());
        StringBuilder line = new StringBuilder();
        for (int w = 1; w <= WINDOWS; w++) {
            long end = start + w * WINDOW_MS * 1_000_000L;
            long calls = 0;
            long t0 = System.nanoTime();
            do {
                a.forward(x, out);
                calls++;
            } while (System.nanoTime() < end);
            line.append(String.format(Locale.ROOT, "%.2f ", (System.nanoTime() - t0) / 1e3 / calls));
        }
        System.out.println(line.toString().trim());
    }

    record Row(String kernel, int size, String setting, double[] times) {}

    /** Starts a JVM for one kernel, size and setting; returns first call, calls 1-100 and 101-1000, in us. */
    static double[] run(String kernel, int size, Setting setting) throws IOException, InterruptedException {
        String line = firstLine(command(setting, List.of("child", kernel, Integer.toString(size))));
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** A child JVM's command line: this class, with the setting's options and {@code args}. */
    static List<String> command(Setting setting, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        command.addAll(setting.options());
        command.add(ColdStart.class.getName());
        command.addAll(args);
        return command;
    }

    /** Runs a child JVM and returns the first line it prints. */
    static String firstLine(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        if (p.waitFor() != 0 || line == null) {
            throw new IllegalStateException("child JVM failed: " + command);
        }
        return line;
    }

    /** The child: CALLS calls, each timed; prints first, sum of 1-100 and mean of 101-1000 (us). */
    static void child(String kernel, int size) {
        SplittableRandom random = new SplittableRandom(42);
        float[] x = new float[size];
        float[] dy = new float[size];
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextGaussian();
            dy[i] = (float) random.nextGaussian();
        }
        long[] t = new long[CALLS];
        boolean forward = kernel.equals("leakyRelu.forward");
        // The first call's time includes making the activation and its engine: what a program's
        // first use pays, whichever engine it asks for.
        long made = System.nanoTime();
        Activation a = onTheSettingsEngine(forward ? Activation.leakyRelu() : Activation.relu());
        for (int i = 0; i < CALLS; i++) {
            long start = i == 0 ? made : System.nanoTime();
            if (forward) {
                a.forward(x, out);
            } else {
                a.backward(x, dy, out);
            }
            t[i] = System.nanoTime() - start;
        }
        double first = t[0] / 1e3;
        double firstHundred = Arrays.stream(t, 0, 100).sum() / 1e3;
        double rest = Arrays.stream(t, 100, CALLS).average().orElseThrow() / 1e3;
        System.out.printf(Locale.ROOT, "%.1f %.1f %.2f%n", first, firstHundred, rest);
    }

    static String table(List<Row> rows, int forks) {
        StringBuilder s = new StringBuilder("""
                # Cold start

                Fresh JVMs (%d per cell, interleaved), each timing its first %d calls of one public kernel on
                random-sign floats, default engine. Medians over the JVMs, their range in brackets, in
                microseconds: the first call (it includes making the activation and its engine and loading relu4j),
                the **total** of calls 1 to 100, and the **mean** of calls 101 to 1,000. "preferred
                (warm-up)" is the library as shipped; "vector from call 1" is `-Drelu4j.warmup=false`;
                "scalar reference" is `Engine.scalar()` (split across cores as the default engine does). Ratios are against the scalar reference's
                median in the same run (below 1: faster). Written by `ColdStart` (jmh module), run by `./bench`.

                """.formatted(forks, CALLS));
        for (String kernel : KERNELS) {
            s.append("## ").append(kernel).append("\n\n| size | setting | first call | calls 1–100 (total) | calls 101–1000 (mean) |\n");
            s.append("|---:|---|---:|---:|---:|\n");
            for (int size : SIZES) {
                double[][] reference = cells(rows, kernel, size, SETTINGS.getLast());
                for (Setting setting : SETTINGS) {
                    double[][] cells = cells(rows, kernel, size, setting);
                    s.append("| ").append(size(size)).append(" | ").append(setting.name());
                    for (int c = 0; c < 3; c++) {
                        double m = median(cells[c]);
                        s.append(String.format(Locale.ROOT, " | %s [%s–%s] ×%.2f", us(m), us(cells[c][0]),
                                us(cells[c][cells[c].length - 1]), m / median(reference[c])));
                    }
                    s.append(" |\n");
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Per column (first call, calls 1-100, calls 101-1000), the sorted times of every JVM of one cell. */
    static double[][] cells(List<Row> rows, String kernel, int size, Setting setting) {
        double[][] cells = new double[3][];
        for (int c = 0; c < 3; c++) {
            int column = c;
            cells[c] = rows.stream().filter(r -> r.kernel().equals(kernel) && r.size() == size
                    && r.setting().equals(setting.name())).mapToDouble(r -> r.times()[column]).sorted().toArray();
        }
        return cells;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String us(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String size(int n) {
        return n >= 1 << 20 ? (n >> 20) + " Mi" : (n >> 10) + " Ki";
    }
}
