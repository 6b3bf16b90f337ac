/**
 * Generates, per network shape, a WebAssembly module with two functions:
 *
 *   forward(rows)            runs Xb [rows, d] through the network (a and z of every layer)
 *   step(indexPtr, rows) f64 one training step on the samples whose indices (u32) start at
 *                            indexPtr; returns the batch's mean loss
 *
 * Every floating-point operation is the one the TypeScript engine does, in the same order, so
 * the results are identical to the last bit: a product's element is 0 + Σ_t a_t b_t with t
 * from 0, then + bias; f64x2 lanes run over output units, which never changes that order. No
 * fused multiply-add exists in wasm's f64x2, and exp, tanh, log and log1p are JavaScript's own.
 * Narrow dimensions (<= UNROLL) are unrolled with constant addresses; wider ones are loops.
 */
import { encodeModule, FunctionBuilder, OP, SIMD } from "./encoder";
import { KernelSpec, LayerSpec, Layout, layoutOf } from "./spec";

/** Dimensions up to this size are unrolled. */
const UNROLL = 16;
/** Accumulators (pairs of outputs) kept in registers per pass over a product's inner dimension. */
const BLOCK = 8;

/** Imported from JavaScript, in this order: the engine's own Math functions. */
const IMPORTS = ["exp", "tanh", "log1p"] as const;
const CALL = { exp: 0, tanh: 1, log1p: 2 };

/** A count: known when generating, or the runtime row count held in a local. */
type Count = number | { rows: number };

/**
 * C [U, V] = A' [U, T] · B' [T, V] (+ bias): element addresses are a + (u aU + t aT) * 8,
 * b + (t bT + v) * 8 and c + (u V + v) * 8. With `a` null, A' is all ones (column sums of B').
 */
interface Product {
  U: Count; V: number; T: Count;
  a: number | null; aU: number; aT: number;
  b: number; bT: number;
  c: number;
  bias: number | null;
}

/** Pushes the address sum of the given offset locals (null ones skipped), or 0. */
function emitAddress(f: FunctionBuilder, offsets: (number | null)[]): void {
  const parts = offsets.filter((o): o is number => o !== null);
  if (parts.length === 0) f.i32(0);
  parts.forEach((o, i) => {
    f.get(o);
    if (i > 0) f.op(OP.i32Add);
  });
}

/**
 * Repeats `body` `count` times: unrolled (index i, no offset locals) when the count is known and
 * small, otherwise a loop whose offset locals advance by `strides` bytes (index always 0).
 */
function emitRepeat(f: FunctionBuilder, count: Count, strides: number[], body: (i: number, offsets: (number | null)[]) => void): void {
  if (typeof count === "number" && count <= UNROLL) {
    for (let i = 0; i < count; i++) body(i, strides.map(() => null));
    return;
  }
  // Offsets with stride 0 stay null; the first moving one also counts the iterations.
  const offsets = strides.map((s) => (s > 0 ? f.local("i32") : null));
  const lead = strides.findIndex((s) => s > 0);
  const end = f.local("i32");
  if (typeof count === "number") f.i32(count * strides[lead]);
  else f.get(count.rows).i32(strides[lead]).op(OP.i32Mul);
  f.set(end);
  for (const o of offsets) if (o !== null) f.i32(0).set(o);
  f.loop();
  body(0, offsets);
  offsets.forEach((o, k) => o !== null && f.get(o).i32(strides[k]).op(OP.i32Add).set(o));
  f.get(offsets[lead] as number).get(end).op(OP.i32LtU).brIf(0);
  f.op(OP.end);
}

/** Emits a product (see `Product`), BLOCK pairs of outputs at a time, the odd last output as a scalar. */
function emitProduct(f: FunctionBuilder, p: Product): void {
  emitRepeat(f, p.U, [p.aU * 8, p.V * 8], (u, [ua, uc]) => {
    for (let v0 = 0; v0 < p.V; v0 += 2 * BLOCK) {
      const width = Math.min(2 * BLOCK, p.V - v0);
      const pairs = Array.from({ length: width >> 1 }, () => f.local("v128"));
      const single = width & 1 ? f.local("f64") : null;
      const x = f.local("v128");
      for (const acc of pairs) f.f64x2(0).set(acc);
      if (single !== null) f.f64(0).set(single);
      emitRepeat(f, p.T, [p.aT * 8, p.bT * 8], (t, [ta, tb]) => {
        if (p.a !== null) {
          emitAddress(f, [ua, ta]);
          f.simdMemory("v128Load64Splat", p.a + (u * p.aU + t * p.aT) * 8).set(x);
        }
        const bAt = (v: number) => p.b + (t * p.bT + v0 + v) * 8;
        pairs.forEach((acc, k) => {
          f.get(acc);
          if (p.a !== null) f.get(x);
          emitAddress(f, [tb]);
          f.simdMemory("v128Load", bAt(2 * k));
          if (p.a !== null) f.simd(SIMD.f64x2Mul);
          f.simd(SIMD.f64x2Add).set(acc);
        });
        if (single !== null) {
          f.get(single);
          if (p.a !== null) f.get(x).lane(0);
          emitAddress(f, [tb]);
          f.memory("f64Load", bAt(width - 1));
          if (p.a !== null) f.op(OP.f64Mul);
          f.op(OP.f64Add).set(single);
        }
      });
      const cAt = (v: number) => p.c + (u * p.V + v0 + v) * 8;
      pairs.forEach((acc, k) => {
        emitAddress(f, [uc]);
        f.get(acc);
        if (p.bias !== null) f.i32(0).simdMemory("v128Load", p.bias + (v0 + 2 * k) * 8).simd(SIMD.f64x2Add);
        f.simdMemory("v128Store", cAt(2 * k));
      });
      if (single !== null) {
        emitAddress(f, [uc]);
        f.get(single);
        if (p.bias !== null) f.i32(0).memory("f64Load", p.bias + (v0 + width - 1) * 8).op(OP.f64Add);
        f.memory("f64Store", cAt(width - 1));
      }
    }
  });
}

/** Loops over rows x `perRow` doubles (just `perRow` when `rows` is null) two at a time; `body` gets the byte offset. */
function emitPairs(f: FunctionBuilder, rows: number | null, perRow: number, body: (offset: number) => void): void {
  emitLoopOver(f, rows === null ? perRow : { rows }, rows === null ? 8 : perRow * 8, 16, body);
}

/** Loops over rows x `perRow` doubles one at a time; `body` gets the byte offset. */
function emitScalars(f: FunctionBuilder, rows: number, perRow: number, body: (offset: number) => void): void {
  emitLoopOver(f, { rows }, perRow * 8, 8, body);
}

/** A loop on one byte offset from 0, stepping `step` bytes while it is below count * `unit` bytes (at least once). */
function emitLoopOver(f: FunctionBuilder, count: Count, unit: number, step: number, body: (offset: number) => void): void {
  const offset = f.local("i32");
  const end = f.local("i32");
  if (typeof count === "number") f.i32(count * unit);
  else f.get(count.rows).i32(unit).op(OP.i32Mul);
  f.set(end);
  f.i32(0).set(offset);
  f.loop();
  body(offset);
  f.get(offset).i32(step).op(OP.i32Add).tee(offset).get(end).op(OP.i32LtU).brIf(0);
  f.op(OP.end);
}

/** a = f(z) over the batch, as activations.ts. */
function emitActivationForward(f: FunctionBuilder, layer: LayerSpec, at: Layout["layers"][number], rows: number): void {
  const { z, a } = at;
  const kind = layer.activation;
  if (kind === "sigmoid" || kind === "tanh") {
    const e = f.local("f64");
    emitScalars(f, rows, layer.units, (o) => {
      f.get(o);
      if (kind === "tanh") {
        f.get(o).memory("f64Load", z).call(CALL.tanh);
      } else {
        // z >= 0 ? 1 / (1 + e^-z) : e^z / (1 + e^z), with e = exp(-|z|) standing for both.
        f.get(o).memory("f64Load", z).op(OP.f64Abs).op(OP.f64Neg).call(CALL.exp).set(e);
        f.f64(1).get(e).get(o).memory("f64Load", z).f64(0).op(OP.f64Ge).op(OP.select);
        f.f64(1).get(e).op(OP.f64Add).op(OP.f64Div);
      }
      f.memory("f64Store", a);
    });
    return;
  }
  emitPairs(f, rows, layer.units, (o) => {
    f.get(o);
    const zv = () => f.get(o).simdMemory("v128Load", z);
    if (kind === "relu") {
      // (z + |z|) * 0.5, exactly as the engine writes max(0, z).
      zv(); zv(); f.simd(SIMD.f64x2Abs).simd(SIMD.f64x2Add).f64x2(0.5).simd(SIMD.f64x2Mul);
    } else if (kind === "leakyRelu") {
      zv(); f.f64x2(layer.alpha); zv(); f.simd(SIMD.f64x2Mul);
      zv(); f.f64x2(0).simd(SIMD.f64x2Gt).simd(SIMD.v128Bitselect);
    } else {
      zv();
    }
    f.simdMemory("v128Store", a);
  });
}

/** dZ = dA * f'(z) over the batch, as activations.ts (ReLU's branch is an and-mask). */
function emitActivationBackward(f: FunctionBuilder, layer: LayerSpec, at: Layout["layers"][number], rows: number): void {
  const { z, a, dA, dZ } = at;
  const kind = layer.activation;
  emitPairs(f, rows, layer.units, (o) => {
    const load = (addr: number) => f.get(o).simdMemory("v128Load", addr);
    const zPositive = () => { load(z); f.f64x2(0).simd(SIMD.f64x2Gt); };
    f.get(o);
    if (kind === "relu") {
      load(dA); zPositive(); f.simd(SIMD.v128And);
    } else if (kind === "leakyRelu") {
      load(dA); f.f64x2(layer.alpha); load(dA); f.simd(SIMD.f64x2Mul); zPositive(); f.simd(SIMD.v128Bitselect);
    } else if (kind === "sigmoid") {
      load(dA); load(a); f.simd(SIMD.f64x2Mul); f.f64x2(1); load(a); f.simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul);
    } else if (kind === "tanh") {
      load(dA); f.f64x2(1); load(a); load(a); f.simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul);
    } else {
      load(dA);
    }
    f.simdMemory("v128Store", dZ);
  });
}

/** The batch's mean loss into `result`, as losses.ts (`n` = rows x outputs, as f64 in `nF`). */
function emitLossValue(f: FunctionBuilder, spec: KernelSpec, layout: Layout, rows: number, nF: number, result: number): void {
  const out = layout.layers[layout.layers.length - 1];
  const k = spec.layers[spec.layers.length - 1].units;
  const sum = f.local("f64");
  const d = f.local("f64");
  f.f64(0).set(sum);
  emitScalars(f, rows, k, (o) => {
    const y = () => f.get(o).memory("f64Load", layout.yb);
    if (spec.logits) {
      // max(z, 0) - z*y + log1p(exp(-|z|))
      f.get(sum);
      f.get(o).memory("f64Load", out.z).tee(d).f64(0).op(OP.f64Max);
      f.get(d); y(); f.op(OP.f64Mul).op(OP.f64Sub);
      f.get(d).op(OP.f64Abs).op(OP.f64Neg).call(CALL.exp).call(CALL.log1p).op(OP.f64Add);
      f.op(OP.f64Add).set(sum);
    } else {
      f.get(o).memory("f64Load", out.a); y(); f.op(OP.f64Sub).set(d);
      f.get(sum);
      if (spec.loss === "halfSquared") f.f64(0.5).get(d).op(OP.f64Mul).get(d).op(OP.f64Mul);
      else f.get(d).get(d).op(OP.f64Mul);
      f.op(OP.f64Add).set(sum);
    }
  });
  f.get(sum).get(nF).op(OP.f64Div).set(result);
}

/** dL/da into the output layer's dA (dL/dz into dZ on the logits path), as losses.ts. */
function emitLossGradient(f: FunctionBuilder, spec: KernelSpec, layout: Layout, rows: number, nF: number): void {
  const out = layout.layers[layout.layers.length - 1];
  const k = spec.layers[spec.layers.length - 1].units;
  const scale = f.local("v128");
  if (spec.loss === "mse") f.f64(2).get(nF).op(OP.f64Div).simd(SIMD.f64x2Splat).set(scale);
  else f.get(nF).simd(SIMD.f64x2Splat).set(scale);
  emitPairs(f, rows, k, (o) => {
    f.get(o);
    if (spec.loss === "mse") f.get(scale);
    f.get(o).simdMemory("v128Load", out.a).get(o).simdMemory("v128Load", layout.yb).simd(SIMD.f64x2Sub);
    if (spec.loss === "mse") f.simd(SIMD.f64x2Mul);
    else f.get(scale).simd(SIMD.f64x2Div);
    f.simdMemory("v128Store", spec.logits ? out.dZ : out.dA);
  });
}

/** Copies the batch's rows from the data into Xb and yb, in index order. */
function emitGather(f: FunctionBuilder, spec: KernelSpec, layout: Layout, indexPtr: number, rows: number): void {
  const d = spec.inputDim;
  const k = spec.layers[spec.layers.length - 1].units;
  const src = f.local("i32");
  emitRepeat(f, { rows }, [4, d * 8, k * 8], (_i, [oi, ox, oy]) => {
    f.get(indexPtr);
    emitAddress(f, [oi]);
    f.op(OP.i32Add).memory("i32Load", 0).i32((d + k) * 8).op(OP.i32Mul).set(src);
    for (let c = 0; c < d + k; c++) {
      emitAddress(f, [c < d ? ox : oy]);
      f.get(src).memory("f64Load", layout.end + c * 8);
      f.memory("f64Store", c < d ? layout.Xb + c * 8 : layout.yb + (c - d) * 8);
    }
  });
}

/** z = input · W + b and a = f(z), layer by layer. */
function emitForward(f: FunctionBuilder, spec: KernelSpec, layout: Layout, rows: number): void {
  let input = layout.Xb;
  let nIn = spec.inputDim;
  spec.layers.forEach((layer, l) => {
    const at = layout.layers[l];
    emitProduct(f, {
      U: { rows }, V: layer.units, T: nIn, a: input, aU: nIn, aT: 1, b: at.W, bT: layer.units, c: at.z, bias: layer.useBias ? at.b : null,
    });
    emitActivationForward(f, layer, at, rows);
    input = at.a;
    nIn = layer.units;
  });
}

/** Wt = Wᵀ, so that dL/d(input) = dZ · Wᵀ reads contiguous pairs. */
function emitTranspose(f: FunctionBuilder, nIn: number, nOut: number, at: Layout["layers"][number]): void {
  emitRepeat(f, nIn, [nOut * 8, 8], (i, [wi, ti]) => {
    emitRepeat(f, nOut, [8, nIn * 8], (j, [wj, tj]) => {
      emitAddress(f, [ti, tj]);
      emitAddress(f, [wi, wj]);
      f.memory("f64Load", at.W + (i * nOut + j) * 8).memory("f64Store", at.Wt + (j * nIn + i) * 8);
    });
  });
}

/** Backpropagation from the output layer down, as Dense.backward: dZ, dW, db, then dA of the layer below. */
function emitBackward(f: FunctionBuilder, spec: KernelSpec, layout: Layout, rows: number): void {
  for (let l = spec.layers.length - 1; l >= 0; l--) {
    const layer = spec.layers[l];
    const at = layout.layers[l];
    const nIn = l > 0 ? spec.layers[l - 1].units : spec.inputDim;
    const input = l > 0 ? layout.layers[l - 1].a : layout.Xb;
    const nOut = layer.units;
    if (!(spec.logits && l === spec.layers.length - 1)) emitActivationBackward(f, layer, at, rows);
    emitProduct(f, { U: nIn, V: nOut, T: { rows }, a: input, aU: 1, aT: nIn, b: at.dZ, bT: nOut, c: at.gW, bias: null });
    if (layer.useBias) emitProduct(f, { U: 1, V: nOut, T: { rows }, a: null, aU: 0, aT: 0, b: at.dZ, bT: nOut, c: at.gb, bias: null });
    if (l > 0) {
      emitTranspose(f, nIn, nOut, at);
      emitProduct(f, { U: { rows }, V: nIn, T: nOut, a: at.dZ, aU: nOut, aT: 1, b: at.Wt, bT: nIn, c: layout.layers[l - 1].dA, bias: null });
    }
  }
}

/** One SGD update of `count` parameters at w from gradients at g (velocities at v), as optimizers.ts. */
function emitUpdate(f: FunctionBuilder, spec: KernelSpec, count: number, w: number, g: number, v: number): void {
  const { learningRate: lr, momentum: m, nesterov } = spec.optimizer;
  emitPairs(f, null, count, (o) => {
    const load = (addr: number) => f.get(o).simdMemory("v128Load", addr);
    const lrG = () => { f.f64x2(lr); load(g); f.simd(SIMD.f64x2Mul); };
    if (m === 0) {
      f.get(o); load(w); lrG(); f.simd(SIMD.f64x2Sub).simdMemory("v128Store", w);
      return;
    }
    f.get(o); f.f64x2(m); load(v); f.simd(SIMD.f64x2Mul); lrG(); f.simd(SIMD.f64x2Sub).simdMemory("v128Store", v);
    f.get(o); load(w);
    if (nesterov) { f.f64x2(m); load(v); f.simd(SIMD.f64x2Mul); lrG(); f.simd(SIMD.f64x2Sub); } else load(v);
    f.simd(SIMD.f64x2Add).simdMemory("v128Store", w);
  });
}

/** The module's bytes for `spec`: functions `forward(rows)` and `step(indexPtr, rows) -> loss`. */
export function generateKernel(spec: KernelSpec): Uint8Array {
  const layout = layoutOf(spec);
  const forward = new FunctionBuilder(["i32"], []);
  emitForward(forward, spec, layout, 0);

  const step = new FunctionBuilder(["i32", "i32"], ["f64"]);
  const [indexPtr, rows] = [0, 1];
  const nF = step.local("f64");
  const loss = step.local("f64");
  const k = spec.layers[spec.layers.length - 1].units;
  step.get(rows).i32(k).op(OP.i32Mul).op(OP.f64ConvertI32U).set(nF);
  emitGather(step, spec, layout, indexPtr, rows);
  emitForward(step, spec, layout, rows);
  emitLossValue(step, spec, layout, rows, nF, loss);
  emitLossGradient(step, spec, layout, rows, nF);
  emitBackward(step, spec, layout, rows);
  let nIn = spec.inputDim;
  spec.layers.forEach((layer, l) => {
    const at = layout.layers[l];
    emitUpdate(step, spec, nIn * layer.units, at.W, at.gW, at.vW);
    if (layer.useBias) emitUpdate(step, spec, layer.units, at.b, at.gb, at.vb);
    nIn = layer.units;
  });
  step.get(loss);

  return encodeModule({
    imports: IMPORTS.map((name) => ({ name, params: ["f64"], results: ["f64"] })),
    functions: [{ name: "forward", body: forward }, { name: "step", body: step }],
  });
}
