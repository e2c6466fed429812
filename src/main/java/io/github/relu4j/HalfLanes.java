package io.github.relu4j;

import static io.github.relu4j.Halves.round;
import static io.github.relu4j.Halves.toFloat;

/**
 * The reference lane functions on 16-bit encodings ({@link Format#BF16}, {@link Format#F16}): the
 * {@link ScalarLanes} definitions on the element widened to float (exactly), deciding with the
 * same float comparisons. A selection returns an input's bits as they are, or a parameter
 * rounded once to the format; a product is computed in float (one rounding) and rounded to the
 * format (a second), as PyTorch computes its reduced-precision types. Zeros written are +0.
 */
final class HalfLanes {
    private HalfLanes() {}

    static short relu(Format f, short x) {
        return toFloat(f, x) < 0f ? 0 : x;
    }

    static short reluGradient(Format f, short x, short dy) {
        return toFloat(f, x) <= 0f ? 0 : dy;
    }

    static short leakyRelu(Format f, short x, float alpha) {
        float v = toFloat(f, x);
        return v > 0f ? x : round(f, v * alpha);
    }

    static short leakyReluGradient(Format f, short x, short dy, float alpha) {
        return toFloat(f, x) > 0f ? dy : round(f, toFloat(f, dy) * alpha);
    }

    /** Compares with the bounds rounded to the format, as PyTorch's {@code clamp} converts them first. */
    static short hardtanh(Format f, short x, float min, float max) {
        float v = toFloat(f, x);
        short lo = round(f, min);
        short hi = round(f, max);
        return v < toFloat(f, lo) ? lo : (v > toFloat(f, hi) ? hi : x);
    }

    static short hardtanhGradient(Format f, short x, short dy, float min, float max) {
        float v = toFloat(f, x);
        return (v <= min || v >= max) ? 0 : dy;
    }

    static short threshold(Format f, short x, float threshold, float value) {
        return toFloat(f, x) <= threshold ? round(f, value) : x;
    }

    static short thresholdGradient(Format f, short x, short dy, float threshold, float value) {
        return toFloat(f, x) <= threshold ? 0 : dy;
    }
}
