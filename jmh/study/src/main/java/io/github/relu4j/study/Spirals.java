package io.github.relu4j.study;

import java.util.SplittableRandom;

/**
 * The two-spirals task (Lang and Witbrock, 1988): two interleaved spirals of 1.5 turns in the
 * plane, one per class, points at angles drawn uniformly on the spiral's length, radius growing
 * with the angle to 1, plus Gaussian noise of standard deviation {@code noise}. Inputs are
 * row-major [n, 2]; classes alternate (0, 1, 0, ...).
 */
record Spirals(float[] inputs, int[] labels) {
    static final int INPUTS = 2;
    static final int CLASSES = 2;
    private static final double TURNS = 1.5;

    static Spirals generate(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] inputs = new float[n * INPUTS];
        int[] labels = new int[n];
        double maxAngle = TURNS * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            int label = i & 1;
            // sqrt: uniform along the arc, whose length grows with the square of the angle.
            double angle = Math.sqrt(random.nextDouble()) * maxAngle;
            double radius = angle / maxAngle;
            double sign = label == 0 ? 1 : -1;
            inputs[2 * i] = (float) (sign * radius * Math.cos(angle) + noise * gaussian(random));
            inputs[2 * i + 1] = (float) (sign * radius * Math.sin(angle) + noise * gaussian(random));
            labels[i] = label;
        }
        return new Spirals(inputs, labels);
    }

    int size() {
        return labels.length;
    }

    /** A standard normal draw by Box-Muller, so that the draws do not depend on the JDK's own algorithm. */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]: log(u) is finite
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
