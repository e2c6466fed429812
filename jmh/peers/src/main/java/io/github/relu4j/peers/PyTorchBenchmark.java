package io.github.relu4j.peers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PyTorch's CPU kernels through DJL, on tensors created once: {@code torch.relu} and
 * {@code leaky_relu} as DJL calls them. DJL exposes no {@code threshold_backward}, so the backward
 * kernels are what a DJL user writes instead: {@code where(x > 0, dy, 0)} and
 * {@code where(x > 0, dy, dy * alpha)}, two and three native calls with intermediate tensors.
 * Every call returns a new tensor, closed at once, as DJL code does. {@code threads}: PyTorch's
 * intra-op thread count, one or every logical CPU.
 *
 * <p>PReLU ({@code prelu*}, [1, 64, size / 64], a slope per channel): DJL has no {@code prelu},
 * so {@link PyTorchOps}' TorchScript module runs it, one call on inputs wrapped once, autograd
 * off. Forward is {@code torch.prelu}; backward is what autograd runs for it, called directly:
 * {@code _prelu_kernel_backward} (dx and a slope term per element), then {@code sum_to_size} to
 * the slopes' shape (dw), without autograd's graph and engine (the test checks the same bits).
 */
public class PyTorchBenchmark extends PeerBenchmark {
    @Param({"1", "all"})
    public String threads;

    private NDManager manager;
    private NDArray x;
    private NDArray dy;
    private NDArray zero;
    private PyTorchOps ops;
    private IValue preluX;
    private IValue preluW;
    private IValue preluDy;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch"); // loads the engine first
        JniUtils.setNumThreads(PeerInputs.threads(threads));
        x = manager.create(PeerInputs.floats(size, 1));
        dy = manager.create(PeerInputs.floats(size, 2));
        zero = manager.create(0f);
        ops = PyTorchOps.load(manager);
        JniUtils.setGraphExecutorOptimize(false); // TorchScript's plain interpreter: the ops as written
        int spatial = PeerInputs.spatial(size);
        if (spatial > 0) {
            preluX = PyTorchOps.value(x.reshape(1, PeerInputs.CHANNELS, spatial));
            preluDy = PyTorchOps.value(dy.reshape(1, PeerInputs.CHANNELS, spatial));
            preluW = PyTorchOps.value(manager.create(PeerInputs.slopes()));
        }
        System.out.println("PyTorch intra-op threads: " + JniUtils.getNumThreads());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (IValue v : new IValue[] {preluX, preluW, preluDy}) {
            if (v != null) {
                v.close();
            }
        }
        ops.close();
        manager.close();
    }

    @Benchmark
    public void reluForward(Blackhole bh) {
        try (NDArray y = x.getNDArrayInternal().relu()) {
            bh.consume(y);
        }
    }

    @Benchmark
    public void reluBackward(Blackhole bh) {
        try (NDArray positive = x.gt(0f); NDArray dx = NDArrays.where(positive, dy, zero)) {
            bh.consume(dx);
        }
    }

    @Benchmark
    public void leakyReluForward(Blackhole bh) {
        try (NDArray y = x.getNDArrayInternal().leakyRelu(PeerInputs.ALPHA)) {
            bh.consume(y);
        }
    }

    @Benchmark
    public void leakyReluBackward(Blackhole bh) {
        try (NDArray positive = x.gt(0f); NDArray scaled = dy.mul(PeerInputs.ALPHA);
             NDArray dx = NDArrays.where(positive, dy, scaled)) {
            bh.consume(dx);
        }
    }

    @Benchmark
    public void preluForward(Blackhole bh) {
        try (IValue y = IValueUtils.runMethod(ops.module(), "forward", preluX(), preluW)) {
            bh.consume(y);
        }
    }

    @Benchmark
    public void preluBackward(Blackhole bh) {
        try (IValue dxDw = IValueUtils.runMethod(ops.module(), "prelu_backward", preluX(), preluW, preluDy)) {
            bh.consume(dxDw);
        }
    }

    private IValue preluX() {
        if (preluX == null) {
            throw PeerInputs.noPrelu(size);
        }
        return preluX;
    }
}
