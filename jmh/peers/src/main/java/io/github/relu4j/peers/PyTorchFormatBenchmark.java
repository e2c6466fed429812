package io.github.relu4j.peers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PyTorch's {@code relu} and {@code leaky_relu} forward on bfloat16, float16 and float tensors,
 * one intra-op thread, called as {@link PyTorchBenchmark} calls them (DJL, a new tensor per call,
 * closed at once); beside {@link Relu4jFormatBenchmark}. The input is {@link PeerInputs#floats}
 * rounded to the format by PyTorch ({@link HalfTensors}), created once.
 */
public class PyTorchFormatBenchmark extends PeerBenchmark {
    /** The tensor's type: {@code BF16}, {@code F16} or {@code F32}. */
    @Param({"BF16", "F16", "F32"})
    public String format;

    private NDManager manager;
    private NDArray x;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch"); // loads the engine first
        JniUtils.setNumThreads(1);
        NDArray floats = manager.create(PeerInputs.floats(size, 1));
        x = switch (format) {
            case "F32" -> floats;
            case "BF16", "F16" -> {
                try (HalfTensors halves = HalfTensors.load(manager)) {
                    yield halves.convert(floats, format.equals("BF16") ? HalfTensors.BFLOAT16 : HalfTensors.HALF);
                }
            }
            default -> throw new IllegalArgumentException("format: BF16, F16 or F32, not " + format);
        };
        System.out.println("PyTorch intra-op threads: " + JniUtils.getNumThreads());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public void reluForward(Blackhole bh) {
        try (NDArray y = x.getNDArrayInternal().relu()) {
            bh.consume(y);
        }
    }

    @Benchmark
    public void leakyReluForward(Blackhole bh) {
        try (NDArray y = x.getNDArrayInternal().leakyRelu(PeerInputs.ALPHA)) {
            bh.consume(y);
        }
    }
}
