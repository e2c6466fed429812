package io.github.relu4j.study;

import java.util.Arrays;
import java.util.Locale;

/**
 * Experiment c: the bytes a training step keeps for the activations' backward (the pre-activations
 * as floats, or a 1-bit mask), and the step time of both, measured with System.nanoTime in the same
 * run (not JMH): two nets from the same seed, trained on the same batches, in alternating blocks of
 * steps so that both see the same machine state; their losses must agree bit for bit.
 */
final class MemoryCost {
    record Result(Mlp.Config config, int batch, long floatBytes, long maskBytes, long layerInputBytes,
                  double floatMedianMs, double maskMedianMs, int warmupSteps, int measuredSteps, boolean identicalLosses,
                  double stepGflops) {}

    private static final int BLOCK = 10;

    private MemoryCost() {}

    static Result run(Mlp.Config config, Spirals data, int batch, int warmupSteps, int measuredSteps) {
        Mlp floats = new Mlp(config);
        Mlp masks = new Mlp(config);
        Training withFloats = new Training(floats, data, batch, Keep.FLOATS, config.seed());
        Training withMasks = new Training(masks, data, batch, Keep.MASK, config.seed());
        int steps = warmupSteps + measuredSteps;
        long[] floatTimes = new long[steps];
        long[] maskTimes = new long[steps];
        boolean identical = true;
        int perEpoch = withFloats.stepsPerEpoch();
        double[] floatLosses = new double[BLOCK];
        for (int from = 0; from < steps; from += BLOCK) {
            int to = Math.min(steps, from + BLOCK);
            for (int s = from; s < to; s++) {
                if (s % perEpoch == 0) {
                    withFloats.shuffle();
                }
                long t0 = System.nanoTime();
                floatLosses[s - from] = withFloats.step(s % perEpoch);
                floatTimes[s] = System.nanoTime() - t0;
            }
            for (int s = from; s < to; s++) {
                if (s % perEpoch == 0) {
                    withMasks.shuffle();
                }
                long t0 = System.nanoTime();
                double loss = withMasks.step(s % perEpoch);
                maskTimes[s] = System.nanoTime() - t0;
                identical &= Double.doubleToRawLongBits(loss) == Double.doubleToRawLongBits(floatLosses[s - from]);
            }
        }
        double floatMs = medianMs(floatTimes, warmupSteps);
        double maskMs = medianMs(maskTimes, warmupSteps);
        double gflops = config.stepFlops(batch) / (Math.min(floatMs, maskMs) * 1e6);
        return new Result(config, batch, floats.activationBytes(batch, Keep.FLOATS), masks.activationBytes(batch, Keep.MASK),
                floats.layerInputBytes(batch), floatMs, maskMs, warmupSteps, measuredSteps, identical, gflops);
    }

    private static double medianMs(long[] nanos, int skip) {
        long[] measured = Arrays.copyOfRange(nanos, skip, nanos.length);
        Arrays.sort(measured);
        int n = measured.length;
        double median = n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2.0;
        return median / 1e6;
    }

    /** The summary table of the section (the caller writes the CSV, the chart and the text). */
    static Table table(Result r) {
        Table t = new Table("kept for the activations' backward", "bytes per step", "per element",
                "with the layer inputs (bytes)", "median step (ms)");
        t.add("pre-activations as floats", r.floatBytes(), "4 bytes", r.floatBytes() + r.layerInputBytes(),
                String.format(Locale.ROOT, "%.2f", r.floatMedianMs()));
        t.add("1-bit mask", r.maskBytes(), "1 bit", r.maskBytes() + r.layerInputBytes(),
                String.format(Locale.ROOT, "%.2f", r.maskMedianMs()));
        return t;
    }
}
