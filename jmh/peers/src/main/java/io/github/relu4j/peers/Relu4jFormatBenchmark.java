package io.github.relu4j.peers;

import io.github.relu4j.Activation;
import io.github.relu4j.Engine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * relu4j's ReLU and Leaky ReLU forward on bfloat16 and binary16 encodings in {@code short[]}
 * ({@code forwardBF16}, {@code forwardF16}) and on {@code float[]}, vector engine, one thread;
 * beside {@link PyTorchFormatBenchmark}, with the same inputs ({@link PeerInputs#floats} rounded
 * to the format, to nearest even). The 16-bit loops reach C2 later than the float ones: on a
 * busy 2-core machine the binary16 Leaky ReLU loop ran 1,000 times slower than compiled for its
 * first second and reached its compiled speed after about 4 s of calls. So a 16-bit trial first
 * calls its benchmark for {@link #WARM_UP_NANOS} on {@link #WARM_UP_SIZE} elements, outside JMH's
 * iterations, as {@link Relu4jBenchmark} does for PReLU.
 */
public class Relu4jFormatBenchmark extends PeerBenchmark {
    static final long WARM_UP_NANOS = 5_000_000_000L;
    static final int WARM_UP_SIZE = 16384;
    private static final Activation RELU = Activation.relu().on(Engine.vector());
    private static final Activation LEAKY = Activation.leakyRelu(PeerInputs.ALPHA).on(Engine.vector());

    /** The array's type: {@code BF16}, {@code F16} or {@code F32}. */
    @Param({"BF16", "F16", "F32"})
    public String format;

    private float[] x;
    private float[] out;
    private short[] x16;
    private short[] out16;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        x = PeerInputs.floats(size, 1);
        out = new float[size];
        x16 = new short[size];
        out16 = new short[size];
        for (int i = 0; i < size; i++) {
            x16[i] = switch (format) {
                case "BF16" -> bfloat16(x[i]);
                case "F16" -> Float.floatToFloat16(x[i]);
                case "F32" -> 0;
                default -> throw new IllegalArgumentException("format: BF16, F16 or F32, not " + format);
            };
        }
        if (!format.equals("F32")) {
            warmUp(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
        }
    }

    /** Calls {@code method} on the first {@link #WARM_UP_SIZE} elements for {@link #WARM_UP_NANOS}. */
    private void warmUp(String method) {
        int n = Math.min(size, WARM_UP_SIZE);
        Activation activation = switch (method) {
            case "reluForward" -> RELU;
            case "leakyReluForward" -> LEAKY;
            default -> throw new IllegalStateException("no warm-up for " + method);
        };
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < WARM_UP_NANOS) {
            if (format.equals("BF16")) {
                activation.forwardBF16(x16, 0, out16, 0, n);
            } else {
                activation.forwardF16(x16, 0, out16, 0, n);
            }
            calls++;
        }
        System.out.println("warm-up: " + calls + " calls of " + method + " on " + n + " " + format + " elements");
    }

    /** The bfloat16 nearest to a finite float, ties to even. */
    static short bfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    @Benchmark
    public Object reluForward() {
        return switch (format) {
            case "BF16" -> {
                RELU.forwardBF16(x16, out16);
                yield out16;
            }
            case "F16" -> {
                RELU.forwardF16(x16, out16);
                yield out16;
            }
            default -> {
                RELU.forward(x, out);
                yield out;
            }
        };
    }

    @Benchmark
    public Object leakyReluForward() {
        return switch (format) {
            case "BF16" -> {
                LEAKY.forwardBF16(x16, out16);
                yield out16;
            }
            case "F16" -> {
                LEAKY.forwardF16(x16, out16);
                yield out16;
            }
            default -> {
                LEAKY.forward(x, out);
                yield out;
            }
        };
    }
}
