package io.github.relu4j.bench;

/**
 * The loops a user would write inline for each activation of the catalogue, with the benchmarks'
 * parameters ({@link io.github.relu4j.BenchCatalogue#activation}): ternaries that give the
 * contract's bits, which C2 compiles to a branch per element. A new activation gets its loops here.
 */
public enum PlainLoops {
    RELU {
        @Override
        void forward(float[] x, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] < 0f ? 0f : x[i];
            }
        }

        @Override
        void backward(float[] x, float[] dy, float[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] > 0f ? dy[i] : 0f;
            }
        }

        @Override
        void forward(double[] x, double[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] < 0d ? 0d : x[i];
            }
        }

        @Override
        void backward(double[] x, double[] dy, double[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] > 0d ? dy[i] : 0d;
            }
        }
    },
    LEAKYRELU {
        @Override
        void forward(float[] x, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] > 0f ? x[i] : 0.01f * x[i];
            }
        }

        @Override
        void backward(float[] x, float[] dy, float[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] > 0f ? dy[i] : 0.01f * dy[i];
            }
        }

        @Override
        void forward(double[] x, double[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] > 0d ? x[i] : 0.01 * x[i];
            }
        }

        @Override
        void backward(double[] x, double[] dy, double[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] > 0d ? dy[i] : 0.01 * dy[i];
            }
        }
    },
    /** ReLU6. */
    HARDTANH {
        @Override
        void forward(float[] x, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] < 0f ? 0f : (x[i] > 6f ? 6f : x[i]);
            }
        }

        @Override
        void backward(float[] x, float[] dy, float[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] <= 0f || x[i] >= 6f ? 0f : dy[i];
            }
        }

        @Override
        void forward(double[] x, double[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] < 0d ? 0d : (x[i] > 6d ? 6d : x[i]);
            }
        }

        @Override
        void backward(double[] x, double[] dy, double[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] <= 0d || x[i] >= 6d ? 0d : dy[i];
            }
        }
    },
    /** Threshold(0.5, -2). */
    THRESHOLD {
        @Override
        void forward(float[] x, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] <= 0.5f ? -2f : x[i];
            }
        }

        @Override
        void backward(float[] x, float[] dy, float[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] <= 0.5f ? 0f : dy[i];
            }
        }

        @Override
        void forward(double[] x, double[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] <= 0.5 ? -2d : x[i];
            }
        }

        @Override
        void backward(double[] x, double[] dy, double[] dx, int n) {
            for (int i = 0; i < n; i++) {
                dx[i] = x[i] <= 0.5 ? 0d : dy[i];
            }
        }
    };

    abstract void forward(float[] x, float[] y, int n);

    abstract void backward(float[] x, float[] dy, float[] dx, int n);

    abstract void forward(double[] x, double[] y, int n);

    abstract void backward(double[] x, double[] dy, double[] dx, int n);

    void run(boolean backward, float[] x, float[] dy, float[] out, int n) {
        if (backward) {
            backward(x, dy, out, n);
        } else {
            forward(x, out, n);
        }
    }

    void run(boolean backward, double[] x, double[] dy, double[] out, int n) {
        if (backward) {
            backward(x, dy, out, n);
        } else {
            forward(x, out, n);
        }
    }
}
