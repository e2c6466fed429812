package io.github.relu4j.peers;

import io.github.relu4j.Activation;
import java.util.List;

/**
 * One activation at one set of parameters, as relu4j and PyTorch each name it: the relu4j
 * activation, and the {@link PyTorchKernels} methods and float parameters of its forward and
 * backward kernels.
 */
record HalfKernel(String name, Activation activation, String forward, float[] forwardParams, String backward,
        float[] backwardParams) {
    /** ReLU; Leaky ReLU at 0.01 and 0.2; Hardtanh at (0, 6) and (-1, 1); Threshold at (0.5, -2) and (-1, 3). */
    static List<HalfKernel> all() {
        return List.of(
                relu(),
                leaky(0.01f),
                leaky(0.2f),
                hardtanh(0f, 6f),
                hardtanh(-1f, 1f),
                threshold(0.5f, -2f),
                threshold(-1f, 3f));
    }

    /**
     * Parameters that the formats do not hold exactly, where comparing with the float parameter
     * and with its rounded value differ. Hardtanh with a lower bound that rounds to +0
     * ({@code 1e-41}, a float subnormal): forward compares with the rounded bound, so {@code -0.0}
     * stays {@code -0.0}. Hardtanh(0.3, 0.7) and Threshold(0.3, -0.1): 0.3 rounds up in both
     * formats and 0.7 down in bfloat16, so an {@code x} equal to a rounded bound lies strictly
     * inside the float range, and backward (and Threshold forward), which compare with the
     * floats, pass it. Threshold at {@code -1e-41}, which rounds to -0: {@code -0.0} is above it.
     */
    static List<HalfKernel> inexact() {
        return List.of(hardtanh(1e-41f, 6f), hardtanh(0.3f, 0.7f), threshold(0.3f, -0.1f), threshold(-1e-41f, 5f));
    }

    static HalfKernel relu() {
        return new HalfKernel("relu", Activation.relu(), "relu", new float[0], "relu_backward", new float[0]);
    }

    static HalfKernel leaky(float alpha) {
        return new HalfKernel("leaky_relu(" + alpha + ")", Activation.leakyRelu(alpha), "leaky_relu",
                new float[] {alpha}, "leaky_relu_backward", new float[] {alpha});
    }

    private static HalfKernel hardtanh(float min, float max) {
        return new HalfKernel("hardtanh(" + min + ", " + max + ")", Activation.hardtanh(min, max), "hardtanh",
                new float[] {min, max}, "hardtanh_backward", new float[] {min, max});
    }

    private static HalfKernel threshold(float threshold, float value) {
        return new HalfKernel("threshold(" + threshold + ", " + value + ")", Activation.threshold(threshold, value),
                "threshold", new float[] {threshold, value}, "threshold_backward", new float[] {threshold});
    }

    @Override
    public String toString() {
        return name;
    }
}
