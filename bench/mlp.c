/*
 * The C baseline of `npm run bench`: the engine's algorithm written plainly in C, double
 * precision, sizes read at run time (compiled with gcc -O3 -march=native).
 *
 *   mlp train EPOCHS BATCH N SIZES...   e.g. mlp train 5000 10 500 2 8 8 8 1
 *   mlp grid ROUNDS N SIZES...          forward passes over N rows, ROUNDS times
 *
 * Hidden layers are ReLU, the output sigmoid; loss mse; plain SGD, learning rate 0.05; the data
 * are a two-armed spiral; samples are shuffled every epoch. Prints the CPU seconds of the timed
 * part and a checksum (the last loss, or the sum of the outputs) so nothing is optimised away.
 * It is a timing baseline: its initial weights and shuffles are not beanlab's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LAYERS 16

static int L;                 /* number of layers */
static int dims[MAX_LAYERS + 1]; /* dims[0] inputs, dims[l + 1] units of layer l */
static double *W[MAX_LAYERS], *b[MAX_LAYERS], *gW[MAX_LAYERS], *gb[MAX_LAYERS];
static double *z[MAX_LAYERS], *a[MAX_LAYERS], *dA[MAX_LAYERS], *dZ[MAX_LAYERS];

static unsigned long long state = 88172645463325252ULL;
static double uniform(void) {
  state ^= state << 13; state ^= state >> 7; state ^= state << 17;
  return (double)(state >> 11) / 9007199254740992.0;
}

static double *alloc(int n) { return calloc((size_t)n, sizeof(double)); }

static void build(int rows) {
  for (int l = 0; l < L; l++) {
    int nIn = dims[l], nOut = dims[l + 1];
    double limit = sqrt(6.0 / (nIn + nOut));
    W[l] = alloc(nIn * nOut); gW[l] = alloc(nIn * nOut);
    b[l] = alloc(nOut); gb[l] = alloc(nOut);
    for (int i = 0; i < nIn * nOut; i++) W[l][i] = (2 * uniform() - 1) * limit;
    z[l] = alloc(rows * nOut); a[l] = alloc(rows * nOut);
    dA[l] = alloc(rows * nOut); dZ[l] = alloc(rows * nOut);
  }
}

/* z = x W + b, a = f(z), layer by layer, for `rows` rows of x. */
static void forward(const double *x, int rows) {
  for (int l = 0; l < L; l++) {
    int nIn = dims[l], nOut = dims[l + 1];
    const double *in = l == 0 ? x : a[l - 1];
    for (int r = 0; r < rows; r++) {
      double *zr = z[l] + r * nOut;
      for (int j = 0; j < nOut; j++) zr[j] = 0;
      for (int t = 0; t < nIn; t++) {
        double xt = in[r * nIn + t];
        const double *wt = W[l] + t * nOut;
        for (int j = 0; j < nOut; j++) zr[j] += xt * wt[j];
      }
      for (int j = 0; j < nOut; j++) zr[j] += b[l][j];
    }
    int n = rows * nOut;
    if (l == L - 1) {
      for (int i = 0; i < n; i++) a[l][i] = 1 / (1 + exp(-z[l][i]));
    } else {
      for (int i = 0; i < n; i++) a[l][i] = z[l][i] > 0 ? z[l][i] : 0;
    }
  }
}

/* One SGD step on the batch in xb/yb; returns its mean loss. */
static double step(const double *xb, const double *yb, int rows, double lr) {
  forward(xb, rows);
  int k = dims[L];
  int n = rows * k;
  double loss = 0;
  for (int i = 0; i < n; i++) {
    double d = a[L - 1][i] - yb[i];
    loss += d * d;
    dA[L - 1][i] = 2.0 / n * d;
  }
  for (int l = L - 1; l >= 0; l--) {
    int nIn = dims[l], nOut = dims[l + 1];
    const double *in = l == 0 ? xb : a[l - 1];
    for (int i = 0; i < rows * nOut; i++) {
      if (l == L - 1) dZ[l][i] = dA[l][i] * a[l][i] * (1 - a[l][i]);
      else dZ[l][i] = z[l][i] > 0 ? dA[l][i] : 0;
    }
    memset(gW[l], 0, sizeof(double) * nIn * nOut);
    memset(gb[l], 0, sizeof(double) * nOut);
    for (int r = 0; r < rows; r++) {
      const double *dz = dZ[l] + r * nOut;
      for (int i = 0; i < nIn; i++) {
        double xi = in[r * nIn + i];
        double *g = gW[l] + i * nOut;
        for (int j = 0; j < nOut; j++) g[j] += xi * dz[j];
      }
      for (int j = 0; j < nOut; j++) gb[l][j] += dz[j];
    }
    if (l > 0) {
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < nIn; i++) {
          double s = 0;
          for (int j = 0; j < nOut; j++) s += dZ[l][r * nOut + j] * W[l][i * nOut + j];
          dA[l - 1][r * nIn + i] = s;
        }
      }
    }
  }
  for (int l = 0; l < L; l++) {
    for (int i = 0; i < dims[l] * dims[l + 1]; i++) W[l][i] -= lr * gW[l][i];
    for (int j = 0; j < dims[l + 1]; j++) b[l][j] -= lr * gb[l][j];
  }
  return loss / n;
}

/* n points of two spiral arms, labels 1 and 0, as rows of X [n, 2] and y [n]. */
static void spiral(double *X, double *y, int n) {
  for (int i = 0; i < n; i++) {
    int arm = i % 2;
    double r = (double)(i / 2) / (n / 2) * 5;
    double t = 1.75 * (double)(i / 2) / (n / 2) * 2 * M_PI + arm * M_PI;
    X[2 * i] = r * sin(t);
    X[2 * i + 1] = r * cos(t);
    y[i] = arm ? 0 : 1;
  }
}

static double cpuSeconds(void) { return (double)clock() / CLOCKS_PER_SEC; }

int main(int argc, char **argv) {
  int train = argc > 1 && strcmp(argv[1], "train") == 0;
  int fixed = train ? 5 : 4;
  if (argc < fixed + 2 || (!train && strcmp(argv[1], "grid") != 0) || argc - fixed > MAX_LAYERS + 1) {
    fprintf(stderr, "usage: mlp train EPOCHS BATCH N SIZES... | mlp grid ROUNDS N SIZES...\n");
    return 2;
  }
  L = argc - fixed - 1;
  for (int l = 0; l <= L; l++) dims[l] = atoi(argv[fixed + l]);
  if (dims[0] != 2 || dims[L] != 1) { fprintf(stderr, "mlp: the data have 2 inputs and 1 output\n"); return 2; }
  if (train) {
    int epochs = atoi(argv[2]), batch = atoi(argv[3]), n = atoi(argv[4]);
    double *X = alloc(2 * n), *y = alloc(n), *xb = alloc(2 * batch), *yb = alloc(batch);
    int *order = malloc(sizeof(int) * n);
    spiral(X, y, n);
    for (int i = 0; i < n; i++) order[i] = i;
    build(batch);
    double start = cpuSeconds(), last = 0;
    for (int e = 0; e < epochs; e++) {
      for (int i = n - 1; i > 0; i--) {
        int j = (int)(uniform() * (i + 1));
        int tmp = order[i]; order[i] = order[j]; order[j] = tmp;
      }
      double sum = 0;
      for (int s = 0; s < n; s += batch) {
        int rows = n - s < batch ? n - s : batch;
        for (int r = 0; r < rows; r++) {
          xb[2 * r] = X[2 * order[s + r]]; xb[2 * r + 1] = X[2 * order[s + r] + 1];
          yb[r] = y[order[s + r]];
        }
        sum += rows * step(xb, yb, rows, 0.05);
      }
      last = sum / n;
    }
    printf("%.6f %.6g\n", cpuSeconds() - start, last);
  } else {
    int rounds = atoi(argv[2]), n = atoi(argv[3]);
    double *X = alloc(2 * n), *y = alloc(n), sum = 0;
    spiral(X, y, n);
    build(n);
    double start = cpuSeconds();
    for (int k = 0; k < rounds; k++) {
      forward(X, n);
      sum += a[L - 1][k % n];
    }
    printf("%.6f %.6g\n", (cpuSeconds() - start) / rounds, sum);
  }
  return 0;
}
