package io.github.relu4j.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The study's claims, on configurations small enough for a test run. */
class NetworkClaimsTest {
    private static final Spirals DATA = Spirals.generate(512, 0.02, Study.DATA_SEED);

    private static Mlp.Config config(Nonlinearity n, int width, double learningRate, long seed) {
        return new Mlp.Config(n, 10, width, DATA.size(), learningRate, 0.9, 0f, seed);
    }

    @Test
    void sigmoidsFirstLayerGradientIsOrdersOfMagnitudeBelowRelus() {
        double sigmoid = VanishingGradients.wholeSetNorms(new Mlp(config(Nonlinearity.SIGMOID, 64, 0.01, 7)), DATA)[0];
        double relu = VanishingGradients.wholeSetNorms(new Mlp(config(Nonlinearity.RELU, 64, 0.01, 7)), DATA)[0];
        assertTrue(sigmoid > 0, "the sigmoid's gradient vanishes but is not zero: " + sigmoid);
        assertTrue(relu >= 100 * sigmoid, "first-layer norms at init: ReLU " + relu + ", sigmoid " + sigmoid);
    }

    @Test
    void maskBackwardGivesTheGradientsOfTheFloatBackwardBitForBit() {
        for (Nonlinearity n : new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.LEAKY_RELU}) {
            // The provoking rate: units die, so the masks hold zeros as well as ones.
            Mlp.Config c = new Mlp.Config(n, 10, 32, 64, 0.03, 0.9, 0f, 7);
            Mlp floats = new Mlp(c);
            Mlp masks = new Mlp(c);
            Training withFloats = new Training(floats, DATA, 64, Keep.FLOATS, 11);
            Training withMasks = new Training(masks, DATA, 64, Keep.MASK, 11);
            withFloats.shuffle();
            withMasks.shuffle();
            for (int s = 0; s < withFloats.stepsPerEpoch(); s++) {
                double floatLoss = withFloats.step(s);
                double maskLoss = withMasks.step(s);
                assertEquals(Double.doubleToRawLongBits(floatLoss), Double.doubleToRawLongBits(maskLoss), n + " step " + s);
                for (int l = 0; l <= c.hidden(); l++) {
                    assertArrayEquals(bits(floats.weightGradient(l)), bits(masks.weightGradient(l)), n + " dW, layer " + l);
                    assertArrayEquals(bits(floats.biasGradient(l)), bits(masks.biasGradient(l)), n + " db, layer " + l);
                }
            }
        }
    }

    @Test
    void trainingIsDeterministic() {
        Mlp.Config c = new Mlp.Config(Nonlinearity.LEAKY_RELU, 10, 32, 64, 0.01, 0.9, 0f, 7);
        long[] first = epochLosses(c, 11);
        assertArrayEquals(first, epochLosses(c, 11), "same seeds, same loss bits");
        assertNotEquals(first[first.length - 1], epochLosses(c, 12)[first.length - 1], "another batch order, another loss");
    }

    private static long[] epochLosses(Mlp.Config c, long orderSeed) {
        Training t = new Training(new Mlp(c), DATA, 64, Keep.MASK, orderSeed);
        long[] losses = new long[3];
        for (int e = 0; e < losses.length; e++) {
            losses[e] = Double.doubleToRawLongBits(t.epoch());
        }
        return losses;
    }

    @Test
    void reluTrainingLowersTheLoss() {
        Mlp net = new Mlp(config(Nonlinearity.RELU, 32, 0.01, 7));
        double before = Training.evaluate(net, DATA)[0];
        Training t = new Training(net, DATA, 64, Keep.MASK, 11);
        for (int e = 0; e < 15; e++) {
            t.epoch();
        }
        double[] after = Training.evaluate(net, DATA);
        assertTrue(after[0] < 0.5 * before, "loss " + before + " -> " + after[0]);
        assertTrue(after[1] > 0.8, "accuracy " + after[1]);
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
