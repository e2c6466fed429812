/*
 * The four float kernels as a C programmer would write them: one plain loop each, left to the
 * compiler (./bench --peers builds this with cc -O3 -march=native). The
 * benchmarks call them through FFM downcalls on native memory.
 */
#include <stddef.h>

void relu_forward_f32(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] < 0 ? 0 : x[i];
}

void relu_backward_f32(const float *x, const float *dy, float *dx, size_t n) {
    for (size_t i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
}

void leaky_relu_forward_f32(const float *x, float *y, size_t n, float alpha) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : x[i] * alpha;
}

void leaky_relu_backward_f32(const float *x, const float *dy, float *dx, size_t n, float alpha) {
    for (size_t i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : dy[i] * alpha;
}
