package io.github.relu4j.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

/**
 * PyTorch operators that DJL 0.36 does not reach, run by PyTorch itself from a TorchScript module
 * written here: {@code torch.prelu}, the kernels autograd runs for its gradient, and
 * {@code torch.rrelu}. DJL's {@code Activation.prelu} calls {@code NDArrayEx.prelu}, which the
 * PyTorch engine does not implement ({@code UnsupportedOperationException}), and DJL has no rrelu;
 * but it loads TorchScript: the module is built in memory by {@link TorchScriptArchive}.
 *
 * <p>Two ways in. {@link #prelu}, {@link #preluBackward} and {@link #rrelu} take DJL arrays and
 * go through {@link IValueUtils#forward(PtSymbolBlock, NDList, boolean)} with autograd on, so
 * inside a {@code GradientCollector} PyTorch records them ({@code PreluKernelBackward0},
 * {@code RreluWithNoiseBackward0}) and {@code backward} runs PyTorch's own derivatives.
 * {@link #module()} with {@link IValueUtils#runMethod} is the lean path for benchmarks: one JNI
 * call on inputs wrapped once, autograd off.
 */
public final class PyTorchOps implements AutoCloseable {
    /** The class, as TorchScript serializes code. */
    static final String CODE = """
            class PyTorchOps(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.PyTorchOps, x: Tensor, w: Tensor) -> Tensor:
                return torch.prelu(x, w)
              def prelu_backward(self: __torch__.PyTorchOps, x: Tensor, w: Tensor, dy: Tensor) -> Tuple[Tensor, Tensor]:
                wb = w
                if x.dim() != w.dim():
                  shape = [1] * x.dim()
                  if x.dim() > 1:
                    shape[1] = w.numel()
                  wb = w.reshape(shape)
                dx, dwb = torch._prelu_kernel_backward(dy, x, wb)
                return (dx, torch.reshape(dwb.sum_to_size(wb.size()), w.size()))
              def rrelu(self: __torch__.PyTorchOps, x: Tensor, lower: Tensor, upper: Tensor) -> Tensor:
                return torch.rrelu(x, lower.item(), upper.item(), False)
              def rrelu_default(self: __torch__.PyTorchOps, x: Tensor) -> Tensor:
                return torch.rrelu(x)
            """;

    private final PtNDManager manager;
    private final PtSymbolBlock module;
    /** One empty array per method, named as DJL's {@code IValueUtils} reads a method name from its inputs. */
    private final NDArray backwardMethod;
    private final NDArray rreluMethod;
    private final NDArray rreluDefaultMethod;

    private PyTorchOps(PtNDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
        backwardMethod = method("prelu_backward");
        rreluMethod = method("rrelu");
        rreluDefaultMethod = method("rrelu_default");
    }

    /**
     * Loads the module into PyTorch.
     *
     * @param manager a manager of the PyTorch engine; the module and its helper arrays live in a sub-manager of it
     * @return the operators
     */
    public static PyTorchOps load(NDManager manager) {
        PtNDManager own = (PtNDManager) manager.newSubManager();
        try {
            return new PyTorchOps(own, TorchScriptArchive.load(own, "PyTorchOps", CODE));
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * The TorchScript module, for {@link IValueUtils#runMethod}: {@code forward(x, w)} is
     * {@code torch.prelu}, {@code prelu_backward(x, w, dy)} returns the tuple {@code (dx, dw)}.
     *
     * @return the loaded module
     */
    public PtSymbolBlock module() {
        return module;
    }

    /**
     * {@code torch.prelu(x, w)}: {@code w} on dimension 1 of {@code x}, or one slope.
     *
     * @param x input, channel on dimension 1
     * @param w slopes, {@code x.size(1)} or one of them
     * @return a new array, recorded by autograd when a gradient collector is open
     */
    public NDArray prelu(NDArray x, NDArray w) {
        return run(null, x, w).singletonOrThrow();
    }

    /**
     * What autograd runs for {@code torch.prelu}'s backward, called directly: the kernel
     * {@code _prelu_kernel_backward(dy, x, w)} on {@code w} reshaped as {@code prelu} reshapes it,
     * then its slope gradient, one term per element, summed to {@code w}'s shape by
     * {@code sum_to_size} (the engine's {@code at::sum_to}).
     *
     * @param x  forward input
     * @param w  slopes
     * @param dy gradient of the output
     * @return {@code dx} and {@code dw}
     */
    public NDList preluBackward(NDArray x, NDArray w, NDArray dy) {
        return run(backwardMethod, x, w, dy);
    }

    /**
     * {@code torch.rrelu(x, lower, upper, training=False)}, the bounds passed as Python floats (doubles).
     *
     * @param x     input
     * @param lower lower bound
     * @param upper upper bound
     * @return a new array, recorded by autograd when a gradient collector is open
     */
    public NDArray rrelu(NDArray x, double lower, double upper) {
        try (NDArray l = x.getManager().create(lower); NDArray u = x.getManager().create(upper)) {
            return run(rreluMethod, x, l, u).singletonOrThrow();
        }
    }

    /**
     * {@code torch.rrelu(x)}: PyTorch's default bounds, evaluation mode.
     *
     * @param x input
     * @return a new array, recorded by autograd when a gradient collector is open
     */
    public NDArray rreluDefault(NDArray x) {
        return run(rreluDefaultMethod, x).singletonOrThrow();
    }

    /** A method of the module on {@code inputs}, autograd left as the caller set it; {@code method} null is {@code forward}. */
    private NDList run(NDArray method, NDArray... inputs) {
        NDList list = new NDList(inputs.length + 1);
        if (method != null) {
            list.add(method);
        }
        for (NDArray input : inputs) {
            list.add(input);
        }
        NDList out = IValueUtils.forward(module, list, true);
        out.attach(inputs[0].getManager());
        return out;
    }

    private NDArray method(String name) {
        NDArray marker = manager.create(0f);
        marker.setName("module_method:" + name);
        return marker;
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }

    /**
     * Wraps a DJL array for {@link IValueUtils#runMethod}; the caller closes it.
     *
     * @param array a PyTorch array
     * @return an IValue holding the same tensor
     */
    static IValue value(NDArray array) {
        return IValue.from((ai.djl.pytorch.engine.PtNDArray) array);
    }
}
