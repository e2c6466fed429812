package io.github.relu4j.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Experiment b: the fraction of dead hidden units per epoch. A unit is dead over an epoch when its
 * pre-activation was never positive on any training sample the epoch's steps saw (counted during
 * the training forward passes, as the weights moved); epoch 0 is one pass at initialisation.
 */
final class DeadUnits {
    /**
     * One training run: {@code dead[e]} holds the hidden units (layer-major, {@code layer * width +
     * unit}) that were never positive over epoch e (0: the pass at initialisation).
     */
    record Run(Mlp.Config config, BitSet[] dead, int units, double loss, double accuracy) {
        Nonlinearity nonlinearity() {
            return config.nonlinearity();
        }

        int epochs() {
            return dead.length - 1;
        }

        double deadFraction(int epoch) {
            return (double) dead[epoch].cardinality() / units;
        }

        double last() {
            return deadFraction(epochs());
        }

        /** Units dead in at least one epoch of training (1 to the last). */
        BitSet everDead() {
            BitSet ever = new BitSet(units);
            for (int e = 1; e <= epochs(); e++) {
                ever.or(dead[e]);
            }
            return ever;
        }

        /** Units dead in some epoch of training and positive again in a later one. */
        BitSet revived() {
            BitSet deadSoFar = new BitSet(units);
            BitSet revived = new BitSet(units);
            for (int e = 1; e <= epochs(); e++) {
                BitSet alive = (BitSet) deadSoFar.clone();
                alive.andNot(dead[e]);
                revived.or(alive);
                deadSoFar.or(dead[e]);
            }
            return revived;
        }

        /** Units dead in every epoch from {@code from} to the last. */
        BitSet deadThrough(int from) {
            BitSet through = (BitSet) dead[from].clone();
            for (int e = from + 1; e <= epochs(); e++) {
                through.and(dead[e]);
            }
            return through;
        }

        /** Of the units dead in epoch {@code from}, the fraction dead in every epoch after it (NaN if none). */
        double stayDead(int from) {
            return (double) deadThrough(from).cardinality() / dead[from].cardinality();
        }
    }

    private DeadUnits() {}

    static Run run(Mlp.Config config, Spirals data, int batch, int epochs) {
        Mlp net = new Mlp(config);
        Training training = new Training(net, data, batch, Keep.MASK, config.seed());
        BitSet[] dead = new BitSet[epochs + 1];
        net.resetCounts();
        int[] labels = new int[batch];
        for (int s = 0; s < training.stepsPerEpoch(); s++) {
            Training.load(net, data, null, s * batch, batch, labels);
            net.observe(batch);
        }
        dead[0] = deadUnits(net, config);
        for (int e = 1; e <= epochs; e++) {
            net.resetCounts();
            training.epoch();
            dead[e] = deadUnits(net, config);
        }
        double[] eval = Training.evaluate(net, data);
        return new Run(config, dead, net.hiddenUnits(), eval[0], eval[1]);
    }

    /** The units whose positive count is 0 since the last reset. */
    private static BitSet deadUnits(Mlp net, Mlp.Config config) {
        BitSet dead = new BitSet(net.hiddenUnits());
        for (int l = 0; l < config.hidden(); l++) {
            long[] positives = net.positives(l);
            for (int u = 0; u < positives.length; u++) {
                dead.set(l * config.width() + u, positives[u] == 0);
            }
        }
        return dead;
    }

    /** The runs of one setting: every seed of one config. */
    record Setting(Mlp.Config config, List<Run> runs) {
        String label() {
            return describe(config);
        }

        double mean(ToDoubleFunction<Run> figure) {
            // A share of nothing (no unit dead in that epoch) is NaN and left out.
            return runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        }
    }

    static String describe(Mlp.Config c) {
        return "%s, lr %s, %s".formatted(c.nonlinearity().label(), c.learningRate(),
                c.momentum() == 0 ? "no momentum" : "momentum " + c.momentum());
    }

    /** Of the units dead in some epoch of training, the fraction positive again in a later epoch (NaN if none). */
    static double revivedShare(Run r) {
        return (double) r.revived().cardinality() / r.everDead().cardinality();
    }

    /** Writes dead.csv, dead-units.csv and the chart; returns the Markdown section. */
    static String report(List<Setting> settings, List<Run> reference, int laterEpoch, int batch, Path dir) throws IOException {
        Mlp.Config provoking = settings.get(0).config();
        Table csv = new Table("activation", "slope", "learning_rate", "momentum", "seed", "epoch", "dead_fraction");
        Table perRun = new Table("activation", "slope", "learning_rate", "momentum", "seed", "units", "dead_init",
                "dead_epoch_1", "dead_last", "max_dead", "ever_dead", "revived", "dead_at_" + laterEpoch,
                "dead_from_" + laterEpoch + "_to_last", "dead_from_1_to_last", "final_loss", "accuracy");
        Table summary = new Table("setting", "seed", "dead at init", "dead, epoch 1", "dead, last epoch",
                "ever dead", "revived (of ever dead)", "dead at epoch " + laterEpoch + ": dead to the end",
                "dead from epoch 1 to the end", "final loss", "accuracy");
        List<Charts.Line> lines = new ArrayList<>();
        List<Run> all = new ArrayList<>();
        settings.forEach(s -> all.addAll(s.runs()));
        all.addAll(reference);
        for (Run r : all) {
            Mlp.Config c = r.config();
            int e = r.epochs();
            for (int epoch = 0; epoch <= e; epoch++) {
                csv.add(c.nonlinearity().label(), c.nonlinearity().slope(), c.learningRate(), c.momentum(), c.seed(), epoch,
                        String.format(Locale.ROOT, "%.4f", r.deadFraction(epoch)));
            }
            double max = 0;
            for (int epoch = 0; epoch <= e; epoch++) {
                max = Math.max(max, r.deadFraction(epoch));
            }
            int ever = r.everDead().cardinality();
            int revived = r.revived().cardinality();
            int deadLater = r.dead()[laterEpoch].cardinality();
            int stayLater = r.deadThrough(laterEpoch).cardinality();
            int stayAll = r.deadThrough(1).cardinality();
            perRun.add(c.nonlinearity().label(), c.nonlinearity().slope(), c.learningRate(), c.momentum(), c.seed(), r.units(),
                    r.dead()[0].cardinality(), r.dead()[1].cardinality(), r.dead()[e].cardinality(), Math.round(max * r.units()),
                    ever, revived, deadLater, stayLater, stayAll, String.format(Locale.ROOT, "%.4f", r.loss()),
                    String.format(Locale.ROOT, "%.3f", r.accuracy()));
            summary.add(describe(c), c.seed(), pct(r.deadFraction(0)), pct(r.deadFraction(1)), pct(r.last()),
                    pct((double) ever / r.units()), share(revived, ever), share(stayLater, deadLater),
                    pct((double) stayAll / r.units()), String.format(Locale.ROOT, "%.4f", r.loss()),
                    String.format(Locale.ROOT, "%.3f", r.accuracy()));
            boolean isReference = reference.contains(r);
            boolean providesLine = isReference
                    || (c.seed() == provoking.seed() && c.momentum() == provoking.momentum()
                        && c.learningRate() == provoking.learningRate());
            if (providesLine) {
                double[] x = new double[e + 1];
                double[] y = new double[e + 1];
                for (int epoch = 0; epoch <= e; epoch++) {
                    x[epoch] = epoch;
                    y[epoch] = 100 * r.deadFraction(epoch);
                }
                lines.add(new Charts.Line(c.nonlinearity().label() + ", lr " + c.learningRate(), x, y,
                        Charts.color(c.nonlinearity()), isReference));
            }
        }
        StringBuilder means = new StringBuilder();
        Table meanTable = new Table("setting", "seeds", "dead, last epoch", "dead, mean of epochs 1 to the last",
                "revived (of ever dead)", "dead at epoch " + laterEpoch + ": dead to the end", "dead from epoch 1 to the end");
        for (Setting s : settings) {
            meanTable.add(s.label(), s.runs().size(), pct(s.mean(Run::last)), pct(s.mean(DeadUnits::meanAfterInit)),
                    pct(s.mean(DeadUnits::revivedShare)), pct(s.mean(r -> r.stayDead(laterEpoch))),
                    pct(s.mean(r -> (double) r.deadThrough(1).cardinality() / r.units())));
        }
        means.append(meanTable.markdown());
        csv.writeCsv(dir.resolve("dead.csv"));
        perRun.writeCsv(dir.resolve("dead-units.csv"));
        String chart = Charts.write(dir, "dead-units", Charts.chart(
                "Dead hidden units per epoch (never positive on the epoch's samples)", "epoch (0 = at init)",
                "dead units (%)", false, lines));
        return SECTION.formatted(provoking.hidden(), provoking.width(), batch, provoking.seed(), laterEpoch, laterEpoch,
                summary.markdown(), means, chart, chart, reference.get(0).config().learningRate(), provoking.learningRate(),
                provoking.momentum(), provoking.seed());
    }

    private static final String SECTION = """
            ## b. Dead units

            %d hidden layers of %d units, He normal initialisation, biases 0, SGD, batches of %d, seeds 1 to 5
            (weights and batch order; the reference runs seed %d). A unit is **dead over an epoch** when its
            pre-activation (x·W + b) was never > 0 on any sample of that epoch's steps (the weights move during
            the epoch); the counts come from relu4j's rows epilogue, which adds up the positive sums per unit in
            the training forward. Leaky ReLU's units are counted by the same rule, although a never-positive
            Leaky unit still passes its slope times the gradient.

            What "dead" can mean differs between the two. A ReLU unit that is never positive on a batch gets
            exactly zero gradient on its incoming weights and bias from it (DeadUnitsTest); it comes back only
            if momentum still carries it or if the layers below it change its inputs. A never-positive Leaky
            unit keeps learning from its slope's share of the gradient. So beside the dead fraction per epoch,
            each run reports: **ever dead**, the units dead in at least one epoch of training; **revived**, those
            of them positive again in a later epoch; **dead at epoch %d: dead to the end**, of the units dead in
            epoch %d the share dead in every later epoch; and **dead from epoch 1 to the end**, units that never
            fired during training. Settings: the large learning rate that provokes dying (lr 0.03 with momentum
            0.9, steps up to 10 times the gradient), for ReLU, Leaky ReLU with relu4j's default slope 0.01, and
            Leaky ReLU with slope 0.1; and lr 0.03 without momentum for ReLU and Leaky ReLU 0.01. Full data:
            [dead.csv](dead.csv) (per epoch) and [dead-units.csv](dead-units.csv) (per run, in units).

            %s
            Means over the seeds:

            %s
            ![dead units per epoch](%s.svg) ([PNG](%s.png))

            Dashed: the reference rate %s; solid: the provoking rate %s with momentum %s; seed %d.
            """;

    private static String share(int part, int whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%d of %d (%.0f%%)", part, whole, 100.0 * part / whole);
    }

    private static double meanAfterInit(Run r) {
        double sum = 0;
        for (int e = 1; e <= r.epochs(); e++) {
            sum += r.deadFraction(e);
        }
        return sum / r.epochs();
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
