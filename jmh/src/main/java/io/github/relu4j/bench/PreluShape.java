package io.github.relu4j.bench;

import io.github.relu4j.Engine;
import io.github.relu4j.Prelu;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The PReLU of {@link PreluBenchmark}: its layout and shape, ready on one thread and on two, its
 * slopes and slope gradient, and the groups a call of {@link PreluData#size} elements holds. The
 * defaults are a convolutional layer of 64 channels: NCHW samples of {@code [64, 256]} (16 x 16
 * images), NHWC rows of 64, or one slope shared by every element (PyTorch's default).
 */
@State(Scope.Thread)
public class PreluShape {
    /** Two threads, the caller and one of the common pool: the multi-core target's engine. */
    static final Engine TWO_THREADS = Engine.parallel(Engine.vector(), 2);

    /** {@code nchw}: channels first; {@code nhwc}: channels last; {@code shared}: one slope. */
    @Param({"nchw", "nhwc", "shared"})
    public String layout;

    /** C, the slopes (not {@code shared}'s, which has one). */
    @Param({"64"})
    public int channels;

    /** S = H·W, the elements of one channel of one NCHW sample. */
    @Param({"256"})
    public int spatial;

    /** On {@link Engine#vector()}, one thread, and on {@link #TWO_THREADS}. */
    Prelu vector;
    Prelu parallel;
    /** Groups per call: samples, rows or elements. */
    int n;
    /** Slopes and slope gradients; f and d say float or double, as in {@link KernelData}. */
    float[] fw;
    float[] fdw;
    double[] dw;
    double[] ddw;

    @Setup(Level.Trial)
    public void setUp(PreluData d) {
        Prelu p = switch (layout) {
            case "nchw" -> Prelu.channelsFirst(channels, spatial);
            case "nhwc" -> Prelu.channelsLast(channels);
            case "shared" -> Prelu.shared();
            default -> throw new IllegalArgumentException("layout: nchw, nhwc or shared, not " + layout);
        };
        if (d.size % p.groupSize() != 0) {
            throw new IllegalArgumentException("size " + d.size + " is not whole groups of " + p.groupSize() + " (" + p + ")");
        }
        vector = p.on(Engine.vector());
        parallel = p.on(TWO_THREADS);
        n = (int) (d.size / p.groupSize());
        int c = p.channels();
        fw = new float[c];
        fdw = new float[c];
        dw = new double[c];
        ddw = new double[c];
        for (int i = 0; i < c; i++) { // distinct slopes around PyTorch's initial 0.25
            dw[i] = 0.25 + 0.125 * i / c;
            fw[i] = (float) dw[i];
        }
    }
}
