package io.github.relu4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What makes a dead unit dead: after training at the study's provoking rate, a ReLU unit whose
 * pre-activation is never positive on the training set gets exactly zero gradient on its incoming
 * weights and bias, so plain SGD cannot revive it; a Leaky ReLU unit in the same state still
 * gets a gradient (0.01 of it passes).
 */
class DeadUnitsTest {
    private static final Spirals DATA = Spirals.generate(512, 0.02, Study.DATA_SEED);

    @Test
    void deadReluUnitsGetNoGradientAndDeadLeakyUnitsDo() {
        int[] relu = deadUnitGradients(Nonlinearity.RELU);
        assertTrue(relu[0] > 0, "the provoking rate leaves dead ReLU units: " + relu[0]);
        assertEquals(0, relu[1], "dead ReLU units with a non-zero gradient");
        int[] leaky = deadUnitGradients(Nonlinearity.LEAKY_RELU);
        assertTrue(leaky[0] > 0, "never-positive Leaky ReLU units: " + leaky[0]);
        assertEquals(leaky[0], leaky[1], "never-positive Leaky ReLU units that still get a gradient");
    }

    /**
     * A unit dead over an epoch is not dead for good in a deep net, ReLU's included: the layers below
     * it keep changing its inputs (and momentum keeps moving its weights), so some units dead in one
     * epoch fire in a later one, for every seed.
     */
    @Test
    void unitsDeadInOneEpochFireInALaterOneForEverySeed() {
        for (Nonlinearity n : new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.LEAKY_RELU}) {
            for (long seed = 1; seed <= 3; seed++) {
                Mlp.Config c = new Mlp.Config(n, 10, 32, 64, 0.03, 0.9, 0f, seed);
                DeadUnits.Run run = DeadUnits.run(c, DATA, 64, 10);
                assertTrue(run.everDead().cardinality() > 0, n + ", seed " + seed + ": no unit ever dead");
                assertTrue(run.revived().cardinality() > 0, n + ", seed " + seed + ": " + run.everDead().cardinality()
                        + " units dead in some epoch, none fired again");
            }
        }
    }

    /** {dead units, of them those with a non-zero bias or incoming-weight gradient}, over the whole set. */
    private static int[] deadUnitGradients(Nonlinearity n) {
        Mlp.Config c = new Mlp.Config(n, 10, 32, DATA.size(), 0.03, 0.9, 0f, 1);
        Mlp net = new Mlp(c);
        Training training = new Training(net, DATA, 64, Keep.MASK, 1);
        for (int e = 0; e < 10; e++) {
            training.epoch();
        }
        int[] labels = new int[DATA.size()];
        Training.load(net, DATA, null, 0, DATA.size(), labels);
        net.resetCounts();
        net.gradients(labels, DATA.size(), Keep.MASK);
        int dead = 0;
        int withGradient = 0;
        for (int l = 0; l < c.hidden(); l++) {
            long[] positives = net.positives(l);
            float[] dW = net.weightGradient(l);
            float[] db = net.biasGradient(l);
            int in = l == 0 ? Spirals.INPUTS : c.width();
            for (int unit = 0; unit < c.width(); unit++) {
                if (positives[unit] != 0) {
                    continue;
                }
                dead++;
                boolean any = db[unit] != 0;
                for (int i = 0; i < in; i++) {
                    any |= dW[i * c.width() + unit] != 0;
                }
                withGradient += any ? 1 : 0;
            }
        }
        return new int[] {dead, withGradient};
    }
}
