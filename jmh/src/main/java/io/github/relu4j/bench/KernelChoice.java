package io.github.relu4j.bench;

import io.github.relu4j.Activation;
import io.github.relu4j.BenchCatalogue;
import io.github.relu4j.Engine;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One kernel of the catalogue ({@link BenchCatalogue}), forward or backward, ready on every
 * engine a benchmark compares, so that no benchmark call allocates an activation.
 */
@State(Scope.Thread)
public class KernelChoice {
    /** An activation of the catalogue; {@code ./bench} passes the catalogue's list. */
    @Param({"relu", "leakyRelu", "hardtanh", "threshold"})
    public String kernel;

    @Param({"forward", "backward"})
    public String pass;

    /**
     * The activation on {@link Engine#vector()}, {@link Engine#scalar()}, {@link Engine#portable()}
     * and {@link Engine#preferred()}.
     */
    Activation vector;
    Activation scalar;
    Activation portable;
    Activation preferred;
    boolean backward;
    /** The loop a user would write for it. */
    PlainLoops plain;

    @Setup(Level.Trial)
    public void setUp() {
        Activation a = BenchCatalogue.activation(kernel);
        vector = a.on(Engine.vector());
        scalar = a.on(Engine.scalar());
        portable = a.on(Engine.portable());
        preferred = a.on(Engine.preferred());
        backward = switch (pass) {
            case "forward" -> false;
            case "backward" -> true;
            default -> throw new IllegalArgumentException("pass: forward or backward, not " + pass);
        };
        plain = PlainLoops.valueOf(kernel.toUpperCase());
    }
}
