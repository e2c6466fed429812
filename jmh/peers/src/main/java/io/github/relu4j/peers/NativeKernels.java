package io.github.relu4j.peers;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Downcall handles for the C kernels of {@code src/main/c/peer_kernels.c}, from the shared library
 * at {@link #DEFAULT_PATH} or the system property {@code relu4j.peers.lib} (./bench --peers
 * compiles it). The calls are marked critical: they neither block nor call back into Java, so the JVM may skip the thread
 * state transition a longer native call needs, as a JNI critical native would.
 */
final class NativeKernels {
    static final String PROPERTY = "relu4j.peers.lib";
    /** Where ./bench --peers puts the library, relative to the project directory JMH runs in. */
    static final String DEFAULT_PATH = "jmh/peers/target/native/libpeer_kernels.so";
    private static final SymbolLookup LIBRARY = load();
    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfLong SIZE = ValueLayout.JAVA_LONG;

    static final MethodHandle RELU_FORWARD = downcall("relu_forward_f32",
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, SIZE));
    static final MethodHandle RELU_BACKWARD = downcall("relu_backward_f32",
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, SIZE));
    static final MethodHandle LEAKY_RELU_FORWARD = downcall("leaky_relu_forward_f32",
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, SIZE, ValueLayout.JAVA_FLOAT));
    static final MethodHandle LEAKY_RELU_BACKWARD = downcall("leaky_relu_backward_f32",
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, SIZE,
                    ValueLayout.JAVA_FLOAT));

    private NativeKernels() {}

    @SuppressWarnings("restricted") // loading native code is this class's job; forks allow it
    private static SymbolLookup load() {
        String path = System.getProperty(PROPERTY, DEFAULT_PATH);
        if (path == null || !Files.isReadable(Path.of(path))) {
            throw new IllegalStateException("the C peer needs -D" + PROPERTY + "=<path to the compiled"
                    + " peer_kernels.c>; ./bench --peers builds it when a C compiler is installed (was " + path + ")");
        }
        return SymbolLookup.libraryLookup(Path.of(path), Arena.global());
    }

    @SuppressWarnings("restricted")
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBRARY.findOrThrow(name), descriptor, Linker.Option.critical(false));
    }
}
