package io.github.relu4j.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

/**
 * PyTorch tensors of the 16-bit formats from float ones. DJL 0.36 has {@code DataType.BFLOAT16}
 * but its native side cannot create or convert to it (its table of dtypes has no bfloat16
 * entry, and the process aborts); PyTorch's own {@code Tensor.to}, called through a TorchScript
 * module ({@link TorchScriptArchive}), can, and DJL then handles the result like any tensor.
 */
public final class HalfTensors implements AutoCloseable {
    static final String CODE = """
            class HalfTensors(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def convert(self: __torch__.HalfTensors, x: Tensor, dtype: int) -> Tensor:
                return x.to(dtype=dtype)
            """;
    /** PyTorch's {@code ScalarType} of bfloat16. */
    public static final int BFLOAT16 = 15;
    /** PyTorch's {@code ScalarType} of float16 ({@code Half}). */
    public static final int HALF = 5;
    /** PyTorch's {@code ScalarType} of float. */
    public static final int FLOAT = 6;

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    private HalfTensors(PtNDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
    }

    /**
     * Loads the module.
     *
     * @param manager a manager of the PyTorch engine; the module lives in a sub-manager of it
     * @return the converter
     */
    public static HalfTensors load(NDManager manager) {
        PtNDManager own = (PtNDManager) manager.newSubManager();
        try {
            return new HalfTensors(own, TorchScriptArchive.load(own, "HalfTensors", CODE));
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * {@code x.to(dtype)}: each float rounded to the type as PyTorch rounds it.
     *
     * @param x     a float tensor
     * @param dtype {@link #BFLOAT16}, {@link #HALF} or {@link #FLOAT}
     * @return a new tensor of {@code x}'s manager
     */
    public NDArray convert(NDArray x, int dtype) {
        try (IValue in = IValue.from((PtNDArray) x); IValue type = IValue.from((long) dtype);
             IValue out = IValueUtils.runMethod(module, "convert", in, type)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
