/**
 * relu4j: SIMD kernels of the ReLU family for the JVM, forward and backward, bit-exact with
 * PyTorch's CPU results. The entry points are {@link io.github.relu4j.Activation} and
 * {@link io.github.relu4j.Engine}; the package overview states the contract.
 *
 * <p>The SIMD kernels use the incubating Java Vector API. The module only {@code requires static}
 * it, so applications that do not add {@code jdk.incubator.vector} still run, on the scalar
 * kernels. {@code jdk.management}, when present, lets the library see JIT settings that the
 * system properties do not show.
 */
module io.github.relu4j {
    requires static jdk.incubator.vector;
    requires static jdk.management;

    exports io.github.relu4j;
}
