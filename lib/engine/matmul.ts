/**
 * C [U, V] = A' · B' (+ bias [V]), the one product the engine needs, where A' [U, T] and
 * B' [T, V] are read through strides so the same loop serves all three products of a layer:
 *
 *   forward        z  = X · W      A' = X  [rows, nIn],  B' = W   [nIn, nOut]
 *   kernel grad    dW = Xᵀ · dZ    A' = Xᵀ (stride swap), B' = dZ  [rows, nOut]
 *   input grad     dX = dZ · Wᵀ    A' = dZ [rows, nOut], B' = Wᵀ (stride swap)
 *
 * A'(u, t) is `A[u * aU + t * aT]`, B'(t, v) is `B[t * bT + v * bV]`; C is row-major.
 * It works on 4 x 4 blocks of C: sixteen running sums stay in registers while each step
 * of t reads only four values of A' and four of B'. This is what makes small layers fast.
 */
export function matmul(
  U: number, V: number, T: number,
  A: Float64Array, aU: number, aT: number,
  B: Float64Array, bT: number, bV: number,
  C: Float64Array, bias: Float64Array | null,
): void {
  let u = 0;
  for (; u + 4 <= U; u += 4) {
    let v = 0;
    for (; v + 4 <= V; v += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let a = u * aU;
      let b = v * bV;
      for (let t = 0; t < T; t++, a += aT, b += bT) {
        const a0 = A[a], a1 = A[a + aU], a2 = A[a + 2 * aU], a3 = A[a + 3 * aU];
        const b0 = B[b], b1 = B[b + bV], b2 = B[b + 2 * bV], b3 = B[b + 3 * bV];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const d0 = bias ? bias[v] : 0, d1 = bias ? bias[v + 1] : 0, d2 = bias ? bias[v + 2] : 0, d3 = bias ? bias[v + 3] : 0;
      let c = u * V + v;
      C[c] = c00 + d0; C[c + 1] = c01 + d1; C[c + 2] = c02 + d2; C[c + 3] = c03 + d3;
      c += V;
      C[c] = c10 + d0; C[c + 1] = c11 + d1; C[c + 2] = c12 + d2; C[c + 3] = c13 + d3;
      c += V;
      C[c] = c20 + d0; C[c + 1] = c21 + d1; C[c + 2] = c22 + d2; C[c + 3] = c23 + d3;
      c += V;
      C[c] = c30 + d0; C[c + 1] = c31 + d1; C[c + 2] = c32 + d2; C[c + 3] = c33 + d3;
    }
    // Leftover columns, four rows at a time.
    for (; v < V; v++) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let a = u * aU;
      let b = v * bV;
      for (let t = 0; t < T; t++, a += aT, b += bT) {
        const bt = B[b];
        c0 += A[a] * bt;
        c1 += A[a + aU] * bt;
        c2 += A[a + 2 * aU] * bt;
        c3 += A[a + 3 * aU] * bt;
      }
      const d = bias ? bias[v] : 0;
      C[u * V + v] = c0 + d;
      C[(u + 1) * V + v] = c1 + d;
      C[(u + 2) * V + v] = c2 + d;
      C[(u + 3) * V + v] = c3 + d;
    }
  }
  // Leftover rows, four columns at a time, then one by one.
  for (; u < U; u++) {
    let v = 0;
    for (; v + 4 <= V; v += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let a = u * aU;
      let b = v * bV;
      for (let t = 0; t < T; t++, a += aT, b += bT) {
        const at = A[a];
        c0 += at * B[b];
        c1 += at * B[b + bV];
        c2 += at * B[b + 2 * bV];
        c3 += at * B[b + 3 * bV];
      }
      const c = u * V + v;
      C[c] = c0 + (bias ? bias[v] : 0);
      C[c + 1] = c1 + (bias ? bias[v + 1] : 0);
      C[c + 2] = c2 + (bias ? bias[v + 2] : 0);
      C[c + 3] = c3 + (bias ? bias[v + 3] : 0);
    }
    for (; v < V; v++) {
      let s = 0;
      let a = u * aU;
      let b = v * bV;
      for (let t = 0; t < T; t++, a += aT, b += bT) s += A[a] * B[b];
      C[u * V + v] = s + (bias ? bias[v] : 0);
    }
  }
}
