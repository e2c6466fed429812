package io.github.relu4j.peers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the peer benchmarks leave out: moving a float[] into the peer's tensor type and back.
 * A JVM program whose data lives in arrays pays this on top of the peer's kernel.
 */
public class ConversionBenchmark extends PeerBenchmark {
    private float[] values;
    private NDManager manager;
    private NDArray tensor;
    private OrtEnvironment env;
    private OnnxTensor onnxTensor;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        values = PeerInputs.floats(size, 1);
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        tensor = manager.create(values);
        env = OrtEnvironment.getEnvironment();
        onnxTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), new long[] {size});
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        onnxTensor.close();
        manager.close();
    }

    @Benchmark
    public void pyTorchFromArray(Blackhole bh) {
        try (NDArray created = manager.create(values)) {
            bh.consume(created);
        }
    }

    @Benchmark
    public float[] pyTorchToArray() {
        return tensor.toFloatArray();
    }

    @Benchmark
    public void onnxFromArray(Blackhole bh) throws OrtException {
        try (OnnxTensor created = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), new long[] {size})) {
            bh.consume(created);
        }
    }

    @Benchmark
    public FloatBuffer onnxToArray() {
        return onnxTensor.getFloatBuffer();
    }
}
