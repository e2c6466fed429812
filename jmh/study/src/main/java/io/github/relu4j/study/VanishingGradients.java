package io.github.relu4j.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Experiment a: ||dLoss/dW_l|| of every layer, on the mean loss over the whole training set, at
 * initialisation and at checkpoints during training, for each activation in the same deep net.
 */
final class VanishingGradients {
    /** Norms per checkpoint (rows, epochs[i]) and layer (columns: hidden layers, then the output). */
    record Result(Nonlinearity nonlinearity, int[] epochs, double[][] norms, double loss, double accuracy) {
        double firstOverLast(int checkpoint) {
            double[] n = norms[checkpoint];
            return n[0] / n[n.length - 1];
        }
    }

    private VanishingGradients() {}

    static Result run(Mlp.Config config, Spirals data, int batch, int[] checkpoints, long orderSeed) {
        Mlp net = new Mlp(config);
        Training training = new Training(net, data, batch, Keep.MASK, orderSeed);
        double[][] norms = new double[checkpoints.length][];
        int epoch = 0;
        for (int c = 0; c < checkpoints.length; c++) {
            while (epoch < checkpoints[c]) {
                training.epoch();
                epoch++;
            }
            norms[c] = wholeSetNorms(net, data);
        }
        double[] eval = Training.evaluate(net, data);
        return new Result(config.nonlinearity(), checkpoints.clone(), norms, eval[0], eval[1]);
    }

    /** The layers' gradient norms of the mean loss over all of {@code data}, without an update. */
    static double[] wholeSetNorms(Mlp net, Spirals data) {
        int[] labels = new int[data.size()];
        Training.load(net, data, null, 0, data.size(), labels);
        net.gradients(labels, data.size(), Keep.MASK);
        return net.weightGradientNorms();
    }

    /** Writes vanishing.csv, the charts, and returns the Markdown section. */
    static String report(List<Result> results, Mlp.Config config, int batch, int epochs, Path dir) throws IOException {
        Table csv = new Table("activation", "epoch", "layer", "grad_norm");
        Table summary = new Table("activation", "init", "layer 1 at init", "output layer at init",
                "layer 1 / output at init", "layer 1 / output after " + epochs + " epochs", "final loss", "accuracy");
        List<Charts.Line> byLayer = new ArrayList<>();
        List<Charts.Line> firstLayer = new ArrayList<>();
        for (Result r : results) {
            int last = r.epochs().length - 1;
            for (int c = 0; c < r.epochs().length; c++) {
                for (int l = 0; l < r.norms()[c].length; l++) {
                    csv.add(r.nonlinearity().label(), r.epochs()[c], l + 1, String.format(Locale.ROOT, "%.6e", r.norms()[c][l]));
                }
            }
            double[] init = r.norms()[0];
            summary.add(r.nonlinearity().label(), r.nonlinearity().initName(), sci(init[0]), sci(init[init.length - 1]),
                    sci(r.firstOverLast(0)), sci(r.firstOverLast(last)),
                    String.format(Locale.ROOT, "%.4f", r.loss()), String.format(Locale.ROOT, "%.3f", r.accuracy()));
            double[] layers = new double[init.length];
            for (int l = 0; l < layers.length; l++) {
                layers[l] = l + 1;
            }
            var color = Charts.color(r.nonlinearity());
            byLayer.add(new Charts.Line(r.nonlinearity().label() + ", init", layers, init, color, true));
            byLayer.add(new Charts.Line(r.nonlinearity().label() + ", epoch " + r.epochs()[last], layers, r.norms()[last], color, false));
            double[] x = new double[r.epochs().length];
            double[] y = new double[r.epochs().length];
            for (int c = 0; c < x.length; c++) {
                x[c] = r.epochs()[c];
                y[c] = r.norms()[c][0];
            }
            firstLayer.add(new Charts.Line(r.nonlinearity().label(), x, y, color, false));
        }
        csv.writeCsv(dir.resolve("vanishing.csv"));
        String layersChart = Charts.write(dir, "vanishing-by-layer", Charts.chart(
                "||dL/dW|| by layer, " + config.hidden() + " hidden layers of " + config.width(),
                "layer (1 = first hidden, " + (config.hidden() + 1) + " = output)", "gradient norm (log)", true, byLayer));
        String firstChart = Charts.write(dir, "vanishing-first-layer", Charts.chart(
                "||dL/dW_1|| (first hidden layer) over training", "epoch", "gradient norm (log)", true, firstLayer));
        return """
                ## a. Vanishing gradients

                %d hidden layers of %d units, SGD (learning rate %s, momentum %s), batches of %d, %d epochs.
                Initialisation: He normal (std sqrt(2 / fan-in)) for ReLU and Leaky ReLU, Xavier normal
                (std sqrt(2 / (fan-in + fan-out))) for the sigmoid; the output layer Xavier normal in every net;
                biases 0. Each norm is the Frobenius norm of dL/dW_l for the mean loss over the whole training set
                (no update), so batch noise plays no part. Full data: [vanishing.csv](vanishing.csv).

                %s
                ![gradient norm by layer](%s.svg) ([PNG](%s.png))

                ![first-layer gradient norm over training](%s.svg) ([PNG](%s.png))
                """.formatted(config.hidden(), config.width(), config.learningRate(), config.momentum(), batch,
                epochs, summary.markdown(), layersChart, layersChart, firstChart, firstChart);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
