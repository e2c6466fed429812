package io.github.relu4j.study;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the three experiments and writes their tables, charts and README.md into one directory.
 * Usage: {@code java --add-modules jdk.incubator.vector -jar study.jar [--quick] [DIR]} (DIR
 * defaults to results/study; --quick: a small configuration that checks the pipeline in seconds).
 */
public final class Study {
    /** Everything the run depends on; {@link #full()} is the committed study's. */
    record Settings(int samples, double noise, int hidden, int width, int batch, double learningRate, double momentum,
                    int vanishingEpochs, int[] checkpoints, double provokingRate, int deadEpochs, long[] deadSeeds,
                    int memoryWidth, int memoryBatch, int memoryWarmup, int memorySteps, long gemmMs) {
        static Settings full() {
            return new Settings(2048, 0.02, 12, 64, 128, 0.01, 0.9, 50, new int[] {0, 1, 2, 5, 10, 20, 30, 40, 50},
                    0.03, 30, new long[] {1, 2, 3, 4, 5}, 128, 256, 30, 150, 1000);
        }

        static Settings quick() {
            return new Settings(256, 0.02, 10, 16, 64, 0.01, 0.9, 2, new int[] {0, 2}, 0.03, 2, new long[] {1}, 32, 64, 2, 10, 50);
        }
    }

    static final long DATA_SEED = 1;
    static final long NET_SEED = 7;
    static final long ORDER_SEED = 11;

    private Study() {}

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path dir = Path.of("results", "study");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("-")) {
                System.err.println("usage: Study [--quick] [DIR]");
                System.exit(2);
            } else {
                dir = Path.of(arg);
            }
        }
        run(quick ? Settings.quick() : Settings.full(), dir);
    }

    static void run(Settings s, Path dir) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(dir);
        Spirals data = Spirals.generate(s.samples(), s.noise(), DATA_SEED);

        log("GEMM speed");
        double gemm = GemmSpeed.gflops(s.memoryBatch(), s.memoryWidth(), s.memoryWidth(), s.gemmMs(), s.gemmMs());

        int epochs = s.checkpoints()[s.checkpoints().length - 1];
        Mlp.Config base = new Mlp.Config(Nonlinearity.RELU, s.hidden(), s.width(), s.samples(), s.learningRate(),
                s.momentum(), 0f, NET_SEED);
        List<VanishingGradients.Result> vanishing = new ArrayList<>();
        for (Nonlinearity n : List.of(Nonlinearity.SIGMOID, Nonlinearity.RELU, Nonlinearity.LEAKY_RELU)) {
            log("a. vanishing gradients: " + n.label());
            vanishing.add(VanishingGradients.run(base.withNonlinearity(n), data, s.batch(), s.checkpoints(), ORDER_SEED));
        }
        String a = VanishingGradients.report(vanishing, base, s.batch(), epochs, dir);

        // Dying needs only the ReLU family; 10 hidden layers as the brief's minimum depth.
        Mlp.Config provoking = new Mlp.Config(Nonlinearity.RELU, Math.min(10, s.hidden()), s.width(), s.batch(),
                s.provokingRate(), s.momentum(), 0f, s.deadSeeds()[0]);
        List<Mlp.Config> deadSettings = List.of(provoking, provoking.withNonlinearity(Nonlinearity.LEAKY_RELU),
                provoking.withNonlinearity(Nonlinearity.LEAKY_RELU_SLOPE_0_1), provoking.withMomentum(0),
                provoking.withNonlinearity(Nonlinearity.LEAKY_RELU).withMomentum(0));
        List<DeadUnits.Setting> dead = new ArrayList<>();
        for (Mlp.Config setting : deadSettings) {
            List<DeadUnits.Run> runs = new ArrayList<>();
            for (long seed : s.deadSeeds()) {
                log("b. dead units: " + DeadUnits.describe(setting) + ", seed " + seed);
                runs.add(DeadUnits.run(setting.withSeed(seed), data, s.batch(), s.deadEpochs()));
            }
            dead.add(new DeadUnits.Setting(setting, runs));
        }
        List<DeadUnits.Run> reference = new ArrayList<>();
        for (Nonlinearity n : List.of(Nonlinearity.RELU, Nonlinearity.LEAKY_RELU)) {
            log("b. dead units: " + n.label() + ", reference rate");
            reference.add(DeadUnits.run(provoking.withNonlinearity(n).withLearningRate(s.learningRate()), data, s.batch(),
                    s.deadEpochs()));
        }
        String b = DeadUnits.report(dead, reference, Math.min(10, s.deadEpochs()), s.batch(), dir);

        log("c. memory and step time");
        Mlp.Config memoryConfig = new Mlp.Config(Nonlinearity.RELU, s.hidden(), s.memoryWidth(), s.memoryBatch(),
                s.learningRate(), s.momentum(), 0f, NET_SEED);
        MemoryCost.Result memory = MemoryCost.run(memoryConfig, data, s.memoryBatch(), s.memoryWarmup(), s.memorySteps());
        String c = memorySection(memory, dir);

        double seconds = (System.nanoTime() - start) / 1e9;
        String readme = header(s, gemm, seconds) + "\n" + a + "\n" + b + "\n" + c;
        Files.writeString(dir.resolve("README.md"), readme);
        log(String.format(Locale.ROOT, "done in %.0f s: %s", seconds, dir.resolve("README.md")));
    }

    private static String memorySection(MemoryCost.Result r, Path dir) throws IOException {
        Table csv = new Table("keep", "batch", "activation_bytes", "with_layer_inputs_bytes", "median_step_ms", "measured_steps");
        csv.add("floats", r.batch(), r.floatBytes(), r.floatBytes() + r.layerInputBytes(),
                String.format(Locale.ROOT, "%.3f", r.floatMedianMs()), r.measuredSteps());
        csv.add("mask", r.batch(), r.maskBytes(), r.maskBytes() + r.layerInputBytes(),
                String.format(Locale.ROOT, "%.3f", r.maskMedianMs()), r.measuredSteps());
        csv.writeCsv(dir.resolve("memory.csv"));
        // The bytes follow from the shape: the chart extends them over batch sizes.
        Mlp net = new Mlp(r.config());
        int points = 9;
        double[] x = new double[points];
        double[] floats = new double[points];
        double[] masks = new double[points];
        double[] floatsAll = new double[points];
        double[] masksAll = new double[points];
        for (int i = 0; i < points; i++) {
            int rows = 16 << i;
            x[i] = rows;
            floats[i] = net.activationBytes(rows, Keep.FLOATS) / 1024.0;
            masks[i] = net.activationBytes(rows, Keep.MASK) / 1024.0;
            floatsAll[i] = floats[i] + net.layerInputBytes(rows) / 1024.0;
            masksAll[i] = masks[i] + net.layerInputBytes(rows) / 1024.0;
        }
        Color red = new Color(0xd62728);
        Color blue = new Color(0x1f77b4);
        var chart = Charts.chart("Bytes kept per step, " + r.config().hidden() + " ReLU layers of " + r.config().width(),
                "batch (rows)", "KiB (log)", true, List.of(
                        new Charts.Line("activation: floats", x, floats, red, false),
                        new Charts.Line("activation: 1-bit mask", x, masks, blue, false),
                        new Charts.Line("+ layer inputs, floats", x, floatsAll, red, true),
                        new Charts.Line("+ layer inputs, mask", x, masksAll, blue, true)));
        chart.getStyler().setXAxisLogarithmic(true);
        String name = Charts.write(dir, "memory", chart);
        return """
                ## c. Memory of the backward

                %d ReLU layers of %d units, batches of %d, SGD as in a. What the forward keeps for the activations'
                backward: the pre-activations (the activation's inputs) as floats, 4 bytes an element, read by
                relu4j's `backward(x, dy, dx)`; or one bit an element, read by relu4j's `backward(mask, dy, dx)`. relu4j
                does the activations' work in both: with floats, the bias is added in plain Java into the kept
                pre-activations and the rows epilogue applies the activation; with the mask, the rows epilogue adds the
                bias, applies the activation and writes the mask in one pass. Both nets train from the same seed on the
                same batches: their losses were %s. The layer inputs (kept for dW = xᵀ·dz either way) are listed apart.
                Step time: median over %d steps (after %d of warm-up) of forward + backward + update, measured with
                System.nanoTime in the same JVM, floats and mask in alternating blocks of 10 steps; not a JMH figure,
                on a 2-core machine shared with other work. Full data: [memory.csv](memory.csv).

                %s
                The mask keeps %.1f times fewer bytes than the floats; step time mask / floats: %.3f. At the faster
                step, the whole step ran at %.2f GFLOP/s (its matrix products' operations over its time): the matrix
                products dominate both steps, so the activations' pass barely shows in a step's time. In this MLP
                each ReLU layer's output is kept anyway as the next layer's input, and ReLU's and Leaky ReLU's
                backward could read its sign from that output instead; the mask's saving is the saving over keeping
                the pre-activations (what `backward(x, dy, dx)` reads), not over a backward that reads the kept outputs.

                ![bytes kept per step by batch size](%s.svg) ([PNG](%s.png))
                """.formatted(r.config().hidden(), r.config().width(), r.batch(),
                r.identicalLosses() ? "identical bit for bit at every step" : "NOT identical (a bug)",
                r.measuredSteps(), r.warmupSteps(), MemoryCost.table(r).markdown(), (double) r.floatBytes() / r.maskBytes(),
                r.maskMedianMs() / r.floatMedianMs(), r.stepGflops(), name, name);
    }

    private static String header(Settings s, double gemm, double seconds) {
        return """
                # Training study: deep MLPs on relu4j's kernels

                Written by `./bench --study` (io.github.relu4j.study.Study, module jmh/study); every figure below comes from
                one run of %.0f s on this machine. Task: two spirals (Lang and Witbrock), %d points of 2-D input, 1.5 turns
                each, Gaussian noise σ = %s, classes alternating, generated from seed %d. Nets: 2 inputs, hidden layers of
                one activation, 2 logits, softmax cross-entropy (mean over the batch), backprop by hand, SGD with
                momentum, plain-Java GEMM (row-major [batch, features]). ReLU and Leaky ReLU run on relu4j: its rows
                epilogue (bias, activation, 1-bit mask and positive counts in one pass) in the forward, its backward from
                the mask or from the kept floats; the sigmoid is plain Java. Every random draw comes from a seeded SplittableRandom (weights
                seed %d, batch order seed %d unless a table says otherwise); the run is single-threaded and deterministic.

                The plain-Java GEMM ([%d, %d] x [%d, %d], no blocking, vectorised by C2) ran at %.2f GFLOP/s
                (System.nanoTime over %d ms, not JMH); the matrix products are nearly all of a step's time, so the
                activations' share of a step is small.
                """.formatted(seconds, s.samples(), s.noise(), DATA_SEED, NET_SEED, ORDER_SEED, s.memoryBatch(), s.memoryWidth(),
                s.memoryWidth(), s.memoryWidth(), gemm, s.gemmMs());
    }

    private static void log(String message) {
        System.err.println("== study: " + message);
    }
}
