package io.github.relu4j.bench.report;

/** The implementations each kernel is measured in; the method name is the kernel plus the suffix. */
enum Variant {
    /** The library's SIMD kernel. */
    VECTOR("Vector", "vector"),
    /** The library's scalar reference. */
    SCALAR("Scalar", "vector / scalar"),
    /** The plain branchy loop a user would write. */
    TERNARY("Ternary", "vector / plain"),
    /** {@code Math.max(x, 0f)}: vectorised by C2, but turns -0.0 into +0.0, so not the contract. */
    MATH_MAX("MathMax", "vector / MathMax"),
    /** {@code Math.max(x, alpha * x)}: wrong for alpha above 1 or below 0, so not the contract. */
    MAX_OF_PRODUCT("MaxOfProduct", "vector / MaxOfProduct");

    private final String suffix;
    private final String ratioLabel;

    Variant(String suffix, String ratioLabel) {
        this.suffix = suffix;
        this.ratioLabel = ratioLabel;
    }

    String suffix() {
        return suffix;
    }

    /** The column heading for the vector kernel's speed-up over this variant. */
    String ratioLabel() {
        return ratioLabel;
    }
}
