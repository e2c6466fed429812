package io.github.relu4j.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Experiment b: the fraction of dead hidden units per epoch. A unit is dead over an epoch when its
 * pre-activation was never positive on any training sample the epoch's steps saw (counted during
 * the training forward passes, as the weights moved); epoch 0 is one pass at initialisation.
 */
final class DeadUnits {
    /** deadFraction[e]: epoch e (0: at initialisation). */
    record Run(Nonlinearity nonlinearity, double learningRate, long seed, double[] deadFraction, double loss,
               double accuracy) {
        double last() {
            return deadFraction[deadFraction.length - 1];
        }
    }

    private DeadUnits() {}

    static Run run(Mlp.Config config, Spirals data, int batch, int epochs) {
        Mlp net = new Mlp(config);
        Training training = new Training(net, data, batch, Keep.MASK, config.seed());
        double[] dead = new double[epochs + 1];
        net.resetCounts();
        int[] labels = new int[batch];
        for (int s = 0; s < training.stepsPerEpoch(); s++) {
            Training.load(net, data, null, s * batch, batch, labels);
            net.observe(batch);
        }
        dead[0] = (double) net.deadUnits() / net.hiddenUnits();
        for (int e = 1; e <= epochs; e++) {
            net.resetCounts();
            training.epoch();
            dead[e] = (double) net.deadUnits() / net.hiddenUnits();
        }
        double[] eval = Training.evaluate(net, data);
        return new Run(config.nonlinearity(), config.learningRate(), config.seed(), dead, eval[0], eval[1]);
    }

    /** Writes dead.csv and the chart; returns the Markdown section. */
    static String report(List<Run> runs, Mlp.Config provoking, double usualRate, int batch, Path dir) throws IOException {
        Table csv = new Table("activation", "learning_rate", "seed", "epoch", "dead_fraction");
        Table summary = new Table("activation", "learning rate", "seed", "dead at init", "dead, epoch 1",
                "dead, last epoch", "max over epochs", "final loss", "accuracy");
        List<Charts.Line> lines = new ArrayList<>();
        for (Run r : runs) {
            double[] d = r.deadFraction();
            double max = 0;
            for (int e = 0; e < d.length; e++) {
                csv.add(r.nonlinearity().label(), r.learningRate(), r.seed(), e, String.format(Locale.ROOT, "%.4f", d[e]));
                max = Math.max(max, d[e]);
            }
            summary.add(r.nonlinearity().label(), r.learningRate(), r.seed(), pct(d[0]), pct(d[1]), pct(r.last()), pct(max),
                    String.format(Locale.ROOT, "%.4f", r.loss()), String.format(Locale.ROOT, "%.3f", r.accuracy()));
            if (r.seed() == provoking.seed()) { // one seed per line in the chart, both rates
                double[] x = new double[d.length];
                for (int e = 0; e < x.length; e++) {
                    x[e] = e;
                }
                double[] y = d.clone();
                for (int e = 0; e < y.length; e++) {
                    y[e] *= 100;
                }
                lines.add(new Charts.Line(r.nonlinearity().label() + ", lr " + r.learningRate(), x, y,
                        Charts.color(r.nonlinearity()), r.learningRate() != provoking.learningRate()));
            }
        }
        StringBuilder means = new StringBuilder();
        for (Nonlinearity n : List.of(Nonlinearity.RELU, Nonlinearity.LEAKY_RELU)) {
            List<Run> atRate = runs.stream()
                    .filter(r -> r.nonlinearity() == n && r.learningRate() == provoking.learningRate()).toList();
            double last = atRate.stream().mapToDouble(Run::last).average().orElse(Double.NaN);
            double overEpochs = atRate.stream().mapToDouble(DeadUnits::meanAfterInit).average().orElse(Double.NaN);
            means.append("- %s at %s, mean of %d seeds: %s dead in the last epoch, %s averaged over epochs 1 to the last.\n"
                    .formatted(n.label(), provoking.learningRate(), atRate.size(), pct(last), pct(overEpochs)));
        }
        csv.writeCsv(dir.resolve("dead.csv"));
        String chart = Charts.write(dir, "dead-units", Charts.chart(
                "Dead hidden units per epoch (never positive on the epoch's samples)", "epoch (0 = at init)",
                "dead units (%)", false, lines));
        return """
                ## b. Dead units

                %d hidden layers of %d units, He normal initialisation, biases 0, SGD with momentum %s, batches of %d.
                The setting that provokes dying is a large learning rate, %s (with momentum %s, steps up to %s
                times the gradient); %s, the rate of experiment a, is shown for reference (seed %d). A unit is dead
                over an epoch when its pre-activation (x·W + b) was never > 0 on any sample of that epoch's steps;
                Leaky ReLU (slope 0.01) by the same definition, although its dead units still pass 0.01 of the
                gradient. Counts come from the rows epilogue (positives per unit). Full data: [dead.csv](dead.csv).

                %s
                %s
                A never-positive Leaky ReLU unit is not stuck as a ReLU one is: it still gets 0.01 of its gradient
                (DeadUnitsTest checks both), so its count can fall again, and can rise too: a unit driven negative
                keeps being pushed by its small gradient and by momentum.

                ![dead units per epoch](%s.svg) ([PNG](%s.png))

                Dashed: the reference rate %s; solid: the provoking rate %s; seed %d.
                """.formatted(provoking.hidden(), provoking.width(), provoking.momentum(), batch, provoking.learningRate(),
                provoking.momentum(), Math.round(1 / (1 - provoking.momentum())), usualRate, provoking.seed(), summary.markdown(),
                means, chart, chart, usualRate, provoking.learningRate(), provoking.seed());
    }

    private static double meanAfterInit(Run r) {
        double sum = 0;
        for (int e = 1; e < r.deadFraction().length; e++) {
            sum += r.deadFraction()[e];
        }
        return sum / (r.deadFraction().length - 1);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
