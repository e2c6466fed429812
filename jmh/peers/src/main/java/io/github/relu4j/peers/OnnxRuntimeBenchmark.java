package io.github.relu4j.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ONNX Runtime's CPU Relu and LeakyRelu, each a one-node model from {@link OnnxModels}, run on an
 * input tensor created once. Forward only: ONNX has no ReLU gradient operator. Each run returns
 * a new output tensor, closed at once. {@code threads}: the session's intra-op thread count.
 */
public class OnnxRuntimeBenchmark extends PeerBenchmark {
    @Param({"1", "all"})
    public String threads;

    private OnnxTensor input;
    private Map<String, OnnxTensor> inputs;
    private OrtSession relu;
    private OrtSession leakyRelu;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(PeerInputs.threads(threads));
            options.setInterOpNumThreads(1);
            relu = env.createSession(OnnxModels.relu(), options);
            leakyRelu = env.createSession(OnnxModels.leakyRelu(PeerInputs.ALPHA), options);
        }
        input = OnnxTensor.createTensor(env, FloatBuffer.wrap(PeerInputs.floats(size, 1)), new long[] {size});
        inputs = Map.of("x", input);
        System.out.println("ONNX Runtime intra-op threads: " + PeerInputs.threads(threads));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        relu.close();
        leakyRelu.close();
        input.close();
    }

    @Benchmark
    public void reluForward(Blackhole bh) throws OrtException {
        try (OrtSession.Result y = relu.run(inputs)) {
            bh.consume(y.get(0));
        }
    }

    @Benchmark
    public void leakyReluForward(Blackhole bh) throws OrtException {
        try (OrtSession.Result y = leakyRelu.run(inputs)) {
            bh.consume(y.get(0));
        }
    }
}
