package io.github.relu4j.peers;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's CPU kernels of the activations on bfloat16 and binary16 tensors, called by name
 * through a TorchScript module ({@link TorchScriptArchive}): the forward operators
 * ({@code relu}, {@code leaky_relu}, {@code hardtanh}, which is {@code clamp}, and
 * {@code threshold}) and the backward ones autograd runs ({@code threshold_backward} for ReLU, at
 * 0, and for Threshold; {@code leaky_relu_backward}; {@code hardtanh_backward}), which DJL does not
 * reach. Parameters go in as TorchScript floats (doubles holding the float values); PyTorch turns
 * them into the kernel's scalars itself.
 *
 * <p>Tensors travel in their {@link HalfFormat}'s carrier type: {@link #input} converts one to the
 * format (a no-op for binary16) and takes every {@code step}-th element, and each kernel returns
 * its result converted back to the carrier. With step 1 the kernel's inputs are contiguous and
 * PyTorch's {@code cpu_kernel_vec} runs its vectorised loop (and its scalar loop on the tail of
 * each thread's range, fewer than two vectors); with step 2 the input is strided and every element
 * goes through the scalar loop ({@code basic_loop}). So one module reaches both code paths.
 */
final class PyTorchKernels implements AutoCloseable {
    static final String CODE = """
            class ActivationKernels(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def input(self: __torch__.ActivationKernels, t: Tensor, dtype: int, step: int) -> Tensor:
                return t.to(dtype=dtype)[::step]
              def output(self: __torch__.ActivationKernels, y: Tensor) -> Tensor:
                # bfloat16 (15) goes back as float (6)
                if y.dtype == 15:
                  return y.to(dtype=6)
                return y
              def relu(self: __torch__.ActivationKernels, x: Tensor) -> Tensor:
                return self.output(ops.aten.relu(x))
              def relu_backward(self: __torch__.ActivationKernels, x: Tensor, dy: Tensor) -> Tensor:
                return self.output(ops.aten.threshold_backward(dy, x, 0))
              def leaky_relu(self: __torch__.ActivationKernels, x: Tensor, alpha: float) -> Tensor:
                return self.output(ops.aten.leaky_relu(x, alpha))
              def leaky_relu_backward(self: __torch__.ActivationKernels, x: Tensor, dy: Tensor, alpha: float) -> Tensor:
                return self.output(ops.aten.leaky_relu_backward(dy, x, alpha, False))
              def hardtanh(self: __torch__.ActivationKernels, x: Tensor, lo: float, hi: float) -> Tensor:
                return self.output(ops.aten.hardtanh(x, lo, hi))
              def hardtanh_backward(self: __torch__.ActivationKernels, x: Tensor, dy: Tensor, lo: float, hi: float) -> Tensor:
                return self.output(ops.aten.hardtanh_backward(dy, x, lo, hi))
              def threshold(self: __torch__.ActivationKernels, x: Tensor, threshold: float, value: float) -> Tensor:
                return self.output(ops.aten.threshold(x, threshold, value))
              def threshold_backward(self: __torch__.ActivationKernels, x: Tensor, dy: Tensor, threshold: float) -> Tensor:
                return self.output(ops.aten.threshold_backward(dy, x, threshold))
            """;

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    private PyTorchKernels(PtNDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
    }

    /** Loads the module into a sub-manager of {@code manager}. */
    static PyTorchKernels load(NDManager manager) {
        PtNDManager own = (PtNDManager) manager.newSubManager();
        try {
            return new PyTorchKernels(own, TorchScriptArchive.load(own, "ActivationKernels", CODE));
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * A carrier tensor in {@code format}, every {@code step}-th element (a view for binary16).
     *
     * @return the tensor, for {@link #run}; the caller closes it
     */
    IValue input(PtNDArray carrier, HalfFormat format, int step) {
        try (IValue t = IValue.from(carrier); IValue dtype = IValue.from((long) format.scalarType);
             IValue s = IValue.from((long) step)) {
            return IValueUtils.runMethod(module, "input", t, dtype, s);
        }
    }

    /**
     * {@code method(x, params...)}, or with {@code dy} {@code method(x, dy, params...)}.
     *
     * @param method the module's method: {@code relu}, {@code leaky_relu_backward}, ...
     * @param x      the input, from {@link #input}
     * @param dy     the output's gradient for a backward method, from {@link #input}, else null
     * @param params the method's float parameters, in its order
     * @return the result in the carrier type, a new contiguous tensor; the caller closes it
     */
    PtNDArray run(String method, IValue x, IValue dy, float... params) {
        List<IValue> args = new ArrayList<>(List.of(x));
        if (dy != null) {
            args.add(dy);
        }
        List<IValue> own = new ArrayList<>();
        for (float p : params) {
            own.add(IValue.from((double) p));
        }
        args.addAll(own);
        try (IValue result = IValueUtils.runMethod(module, method, args.toArray(IValue[]::new))) {
            return result.toTensor(manager);
        } finally {
            own.forEach(IValue::close);
        }
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
