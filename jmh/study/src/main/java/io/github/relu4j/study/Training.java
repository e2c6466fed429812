package io.github.relu4j.study;

import java.util.SplittableRandom;

/**
 * Mini-batch training of an {@link Mlp} on a {@link Spirals} set: each epoch visits the samples in
 * an order drawn from its own seeded generator, in whole batches (a remainder smaller than a batch
 * is left out of that epoch).
 */
final class Training {
    private final Mlp net;
    private final Spirals data;
    private final int batch;
    private final Keep keep;
    private final SplittableRandom order;
    private final int[] indices;
    private final int[] labels;

    Training(Mlp net, Spirals data, int batch, Keep keep, long seed) {
        if (batch > net.config().maxRows()) {
            throw new IllegalArgumentException("batch " + batch + " > the net's " + net.config().maxRows() + " rows");
        }
        this.net = net;
        this.data = data;
        this.batch = batch;
        this.keep = keep;
        this.order = new SplittableRandom(seed);
        this.indices = new int[data.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        this.labels = new int[batch];
    }

    int stepsPerEpoch() {
        return data.size() / batch;
    }

    /** One epoch; returns its mean batch loss. */
    double epoch() {
        shuffle();
        double total = 0;
        int steps = stepsPerEpoch();
        for (int s = 0; s < steps; s++) {
            total += step(s);
        }
        return total / steps;
    }

    /** Batch {@code s} of the current order: one SGD step. */
    double step(int s) {
        load(net, data, indices, s * batch, batch, labels);
        return net.step(labels, batch, keep);
    }

    void shuffle() {
        for (int i = indices.length - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
    }

    /** Copies samples {@code indices[from .. from + rows)} into the net's input and their labels into {@code labels}. */
    static void load(Mlp net, Spirals data, int[] indices, int from, int rows, int[] labels) {
        float[] input = net.input();
        for (int r = 0; r < rows; r++) {
            int i = indices == null ? from + r : indices[from + r];
            input[r * Spirals.INPUTS] = data.inputs()[i * Spirals.INPUTS];
            input[r * Spirals.INPUTS + 1] = data.inputs()[i * Spirals.INPUTS + 1];
            labels[r] = data.labels()[i];
        }
    }

    /** Mean loss and accuracy over the whole set, in chunks of the net's rows, without training. */
    static double[] evaluate(Mlp net, Spirals data) {
        int rows = net.config().maxRows();
        int[] labels = new int[rows];
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < data.size(); from += rows) {
            int n = Math.min(rows, data.size() - from);
            load(net, data, null, from, n, labels);
            float[] logits = net.predict(n);
            for (int r = 0; r < n; r++) {
                float z0 = logits[2 * r];
                float z1 = logits[2 * r + 1];
                double max = Math.max(z0, z1);
                double log = Math.log(Math.exp(z0 - max) + Math.exp(z1 - max)) + max;
                loss += log - (labels[r] == 0 ? z0 : z1);
                correct += (z1 > z0 ? 1 : 0) == labels[r] ? 1 : 0;
            }
        }
        return new double[] {loss / data.size(), (double) correct / data.size()};
    }
}
