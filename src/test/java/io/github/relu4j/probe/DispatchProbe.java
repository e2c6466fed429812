package io.github.relu4j.probe;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;

/**
 * Main class of the JVMs that {@code DispatchProcessTest} starts. It sits outside the library's
 * package, so on the module path it sees only what the module exports. Prints what was chosen.
 */
public final class DispatchProbe {
    private DispatchProbe() {}

    public static void main(String[] args) throws InterruptedException {
        float[] y = new float[3];
        Activation.relu().forward(new float[] {-0f, -1f, 2f}, y);
        // Large enough to be split: the pieces must run, from this module, to the same bits.
        float[] large = new float[1 << 19];
        for (int i = 0; i < large.length; i++) {
            large[i] = i % 3 == 0 ? -i : i;
        }
        Activation.relu().forward(large, large);
        boolean ok = true;
        for (int i = 0; i < large.length; i++) {
            ok &= Float.floatToRawIntBits(large[i]) == Float.floatToRawIntBits(i % 3 == 0 && i > 0 ? 0f : i);
        }
        System.out.println("large=" + ok);
        // The preferred engine decides (and logs) on its warm-up thread, which that call's kernel
        // started (2^19 elements start a warm-up at once): wait for it. Not warmUp(), which warms
        // every kernel: 8 to 10 s per JVM here, and 50 s when C2 is off and none gets faster.
        System.out.println("settled=" + Engine.preferred().awaitWarmUp(java.time.Duration.ofSeconds(50)));
        String vector;
        try {
            vector = Engine.vector().name();
        } catch (UnsupportedOperationException e) {
            vector = "unsupported: " + e.getMessage();
        }
        System.out.println("preferred=" + Engine.preferred().name());
        System.out.println("vector=" + vector);
        System.out.println("relu=" + Integer.toHexString(Float.floatToRawIntBits(y[0])) + ","
                + Integer.toHexString(Float.floatToRawIntBits(y[1])) + "," + y[2]);
        System.out.println("module=" + Engine.class.getModule().getName());
        System.out.println("processors=" + Runtime.getRuntime().availableProcessors());
        // A second call through the facade: nothing was left half-initialised by the first.
        float[] again = new float[3];
        Activation.relu().forward(new float[] {-0f, -1f, 2f}, again);
        System.out.println("again=" + Integer.toHexString(Float.floatToRawIntBits(again[0])) + ","
                + Integer.toHexString(Float.floatToRawIntBits(again[1])) + "," + again[2]);
    }
}
