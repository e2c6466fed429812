package io.github.relu4j.study;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron for {@link Spirals}: 2 inputs, {@code hidden} layers of {@code width}
 * units with one {@link Nonlinearity}, and a linear output of 2 logits trained with softmax
 * cross-entropy (mean over the batch). Activations are row-major [rows, features]; weights
 * [fan-in, fan-out]. Backprop by hand, SGD with momentum. Single-threaded and deterministic: every
 * draw comes from the seed, every sum has a fixed order.
 */
final class Mlp {
    /** The shape and training settings; {@code biasInit} is every hidden unit's initial bias. */
    record Config(Nonlinearity nonlinearity, int hidden, int width, int maxRows, double learningRate,
                  double momentum, float biasInit, long seed) {
        Config withNonlinearity(Nonlinearity n) {
            return new Config(n, hidden, width, maxRows, learningRate, momentum, biasInit, seed);
        }

        Config withLearningRate(double lr) {
            return new Config(nonlinearity, hidden, width, maxRows, lr, momentum, biasInit, seed);
        }

        Config withMomentum(double mu) {
            return new Config(nonlinearity, hidden, width, maxRows, learningRate, mu, biasInit, seed);
        }

        Config withSeed(long s) {
            return new Config(nonlinearity, hidden, width, maxRows, learningRate, momentum, biasInit, s);
        }

        Config withBiasInit(float bias) {
            return new Config(nonlinearity, hidden, width, maxRows, learningRate, momentum, bias, seed);
        }

        /** Floating-point operations of one training step on {@code rows} rows: three products a layer. */
        double stepFlops(int rows) {
            double perRow = 0;
            int[] sizes = sizes();
            for (int l = 0; l + 1 < sizes.length; l++) {
                perRow += (double) sizes[l] * sizes[l + 1];
            }
            return 3 * Gemm.flops(rows, 1, 1) * perRow;
        }

        int[] sizes() {
            int[] sizes = new int[hidden + 2];
            Arrays.fill(sizes, width);
            sizes[0] = Spirals.INPUTS;
            sizes[hidden + 1] = Spirals.CLASSES;
            return sizes;
        }
    }

    private final Config config;
    private final Kernels kernels;
    private final int hidden;
    private final int width;
    private final int[] sizes;
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] weightGradients;
    private final float[][] biasGradients;
    private final float[][] weightVelocity;
    private final float[][] biasVelocity;
    private final float[] transposed;
    /** activations[0] is the input; activations[l + 1] the output of hidden layer l. */
    private final float[][] activations;
    /** Hidden layers' pre-activations, kept under {@link Keep#FLOATS}. */
    private final float[][] preActivations;
    /** Hidden layers' masks, kept under {@link Keep#MASK}. */
    private final long[][] masks;
    private final float[] product;
    private final float[] logits;
    private final float[] gradientA;
    private final float[] gradientB;
    /** Per hidden unit, the rows whose pre-activation was positive since {@link #resetCounts}. */
    private final long[][] positives;
    private boolean counting;

    Mlp(Config config) {
        this.config = config;
        this.kernels = config.nonlinearity().kernels(config.width());
        this.hidden = config.hidden();
        this.width = config.width();
        this.sizes = config.sizes();
        int layers = hidden + 1;
        weights = new float[layers][];
        biases = new float[layers][];
        weightGradients = new float[layers][];
        biasGradients = new float[layers][];
        weightVelocity = new float[layers][];
        biasVelocity = new float[layers][];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            boolean output = l == hidden;
            // The output layer is linear: Xavier for every net, so only the hidden layers differ.
            double scale = output ? Math.sqrt(2.0 / (in + out)) : config.nonlinearity().initScale(in, out);
            weights[l] = new float[in * out];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (float) (scale * Spirals.gaussian(random));
            }
            biases[l] = new float[out];
            Arrays.fill(biases[l], output ? 0f : config.biasInit());
            weightGradients[l] = new float[in * out];
            biasGradients[l] = new float[out];
            weightVelocity[l] = new float[in * out];
            biasVelocity[l] = new float[out];
        }
        int rows = config.maxRows();
        int widest = Math.max(width, Math.max(Spirals.INPUTS, Spirals.CLASSES));
        transposed = new float[widest * widest];
        activations = new float[hidden + 1][];
        activations[0] = new float[rows * Spirals.INPUTS];
        preActivations = new float[hidden][];
        masks = new long[hidden][];
        positives = new long[hidden][width];
        for (int l = 0; l < hidden; l++) {
            activations[l + 1] = new float[rows * width];
            preActivations[l] = new float[rows * width];
            masks[l] = new long[Kernels.maskWords((long) rows * width)];
        }
        product = new float[rows * widest];
        logits = new float[rows * Spirals.CLASSES];
        gradientA = new float[rows * widest];
        gradientB = new float[rows * widest];
    }

    Config config() {
        return config;
    }

    /** The input buffer, row-major [maxRows, 2], to fill before {@link #step} or {@link #gradients}. */
    float[] input() {
        return activations[0];
    }

    /** One SGD step on the first {@code rows} rows of {@link #input()}; returns the batch's mean loss. */
    double step(int[] labels, int rows, Keep keep) {
        double loss = gradients(labels, rows, keep);
        update();
        return loss;
    }

    /** Forward and backward without an update: the gradients of the batch's mean loss. */
    double gradients(int[] labels, int rows, Keep keep) {
        forward(rows, keep, counting);
        double loss = softmaxCrossEntropy(labels, rows);
        backward(rows, keep);
        return loss;
    }

    /** A forward pass without a backward, counting positive pre-activations if counting. */
    void observe(int rows) {
        forward(rows, Keep.MASK, counting);
    }

    /** The logits of the first {@code rows} rows of {@link #input()}, row-major [rows, 2]. */
    float[] predict(int rows) {
        forward(rows, Keep.MASK, false);
        return logits;
    }

    private void forward(int rows, Keep keep, boolean count) {
        for (int l = 0; l < hidden; l++) {
            int in = sizes[l];
            long[] counts = count ? positives[l] : null;
            if (kernels == null) {
                Gemm.multiply(activations[l], weights[l], product, rows, in, width);
                Sigmoid.forwardRows(product, biases[l], activations[l + 1], rows, width);
            } else if (keep == Keep.FLOATS) {
                float[] z = preActivations[l];
                Gemm.multiply(activations[l], weights[l], z, rows, in, width);
                addBias(z, biases[l], rows, width);
                kernels.forwardRows(z, 0, null, 0, activations[l + 1], 0, null, 0, counts, 0, rows);
            } else {
                Gemm.multiply(activations[l], weights[l], product, rows, in, width);
                kernels.forwardRows(product, 0, biases[l], 0, activations[l + 1], 0, masks[l], 0, counts, 0, rows);
            }
        }
        Gemm.multiply(activations[hidden], weights[hidden], logits, rows, width, Spirals.CLASSES);
        addBias(logits, biases[hidden], rows, Spirals.CLASSES);
    }

    /** Mean loss; leaves dLoss/dlogits in {@link #gradientA}. */
    private double softmaxCrossEntropy(int[] labels, int rows) {
        int classes = Spirals.CLASSES;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c] - max);
            }
            total += Math.log(sum) - (logits[r * classes + labels[r]] - max);
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[r * classes + c] - max) / sum;
                gradientA[r * classes + c] = (float) ((p - (c == labels[r] ? 1 : 0)) / rows);
            }
        }
        return total / rows;
    }

    private void backward(int rows, Keep keep) {
        float[] upstream = gradientA; // dLoss/d(output of the layer below the current one)
        float[] below = gradientB;
        for (int l = hidden; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            if (l < hidden) { // upstream holds dLoss/da; turn it into dLoss/dz in place
                int n = rows * width;
                if (kernels == null) {
                    Sigmoid.backward(activations[l + 1], upstream, upstream, n);
                } else if (keep == Keep.FLOATS) {
                    kernels.backward(preActivations[l], 0, upstream, 0, upstream, 0, n);
                } else {
                    kernels.backward(masks[l], 0, upstream, 0, upstream, 0, n);
                }
            }
            Gemm.multiplyTransposedA(activations[l], upstream, weightGradients[l], rows, in, out);
            columnSums(upstream, biasGradients[l], rows, out);
            if (l > 0) {
                Gemm.transpose(weights[l], transposed, in, out);
                Gemm.multiply(upstream, transposed, below, rows, out, in);
                float[] swap = upstream;
                upstream = below;
                below = swap;
            }
        }
    }

    private void update() {
        float lr = (float) config.learningRate();
        float mu = (float) config.momentum();
        for (int l = 0; l <= hidden; l++) {
            sgd(weights[l], weightGradients[l], weightVelocity[l], lr, mu);
            sgd(biases[l], biasGradients[l], biasVelocity[l], lr, mu);
        }
    }

    private static void sgd(float[] p, float[] g, float[] v, float lr, float mu) {
        for (int i = 0; i < p.length; i++) {
            v[i] = mu * v[i] + g[i];
            p[i] -= lr * v[i];
        }
    }

    private static void addBias(float[] x, float[] bias, int rows, int features) {
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                x[r * features + f] += bias[f];
            }
        }
    }

    private static void columnSums(float[] x, float[] sums, int rows, int features) {
        Arrays.fill(sums, 0f);
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                sums[f] += x[r * features + f];
            }
        }
    }

    /** ||dLoss/dW_l|| (Frobenius) of every layer, the first hidden one first and the output last. */
    double[] weightGradientNorms() {
        double[] norms = new double[hidden + 1];
        for (int l = 0; l <= hidden; l++) {
            double sum = 0;
            for (float g : weightGradients[l]) {
                sum += (double) g * g;
            }
            norms[l] = Math.sqrt(sum);
        }
        return norms;
    }

    /** The weight gradients of layer l (a copy), for bit-for-bit comparisons. */
    float[] weightGradient(int l) {
        return weightGradients[l].clone();
    }

    /** The bias gradients of layer l (a copy). */
    float[] biasGradient(int l) {
        return biasGradients[l].clone();
    }

    /** Starts counting positive pre-activations per hidden unit (ReLU family only), from zero. */
    void resetCounts() {
        if (kernels == null) {
            throw new IllegalStateException("the sigmoid has no positive counts");
        }
        for (long[] c : positives) {
            Arrays.fill(c, 0);
        }
        counting = true;
    }

    /** Hidden layer l's positive counts per unit since {@link #resetCounts} (a copy). */
    long[] positives(int l) {
        return positives[l].clone();
    }

    int hiddenUnits() {
        return hidden * width;
    }

    /** Bytes the forward keeps for the activations' backward on {@code rows} rows. */
    long activationBytes(int rows, Keep keep) {
        return hidden * keep.bytes((long) rows * width);
    }

    /** Bytes of the layer inputs kept for the weight gradients on {@code rows} rows (the same either way). */
    long layerInputBytes(int rows) {
        long elements = 0;
        for (int l = 0; l <= hidden; l++) {
            elements += (long) rows * sizes[l];
        }
        return 4 * elements;
    }
}
