package example.consumer;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import java.time.Duration;
import java.util.Arrays;

/** Calls relu4j as an application would, and prints what it got and where relu4j was loaded. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        float[] x = {-2f, -0.5f, 0f, 1.5f, 3f}, relu = new float[x.length], leaky = new float[x.length];
        Activation.relu().forward(x, relu);
        Activation.leakyRelu(0.1).forward(x, leaky);
        System.out.println("relu " + Arrays.toString(relu) + " leaky " + Arrays.toString(leaky)
                + " module " + Activation.class.getModule().getName());
        // The default engine decides, and logs its one line, on its warm-up thread, which calls this
        // short never start: start it, and wait for it.
        Engine.preferred().warmUp().awaitWarmUp(Duration.ofSeconds(60));
    }
}
