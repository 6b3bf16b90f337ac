/**
 * A tiny WebAssembly binary encoder: just the instructions the generated kernels use, one
 * method per instruction kind, and a module writer for one memory, imported functions and
 * exported functions. Reference: the WebAssembly core specification, "Binary format", plus the
 * fixed-width SIMD proposal (opcodes after the 0xfd prefix).
 */

/** A value type: i32 or f64 or v128. */
export type ValType = "i32" | "f64" | "v128";

const TYPE_CODE: Record<ValType, number> = { i32: 0x7f, f64: 0x7c, v128: 0x7b };

/** Opcodes of the one-byte instructions without immediates that the kernels use. */
export const OP = {
  end: 0x0b, select: 0x1b,
  i32Eqz: 0x45, i32LtU: 0x49, i32Add: 0x6a, i32Mul: 0x6c, i32Or: 0x72,
  f64Lt: 0x63, f64Gt: 0x64, f64Ge: 0x66,
  f64Abs: 0x99, f64Neg: 0x9a, f64Add: 0xa0, f64Sub: 0xa1, f64Mul: 0xa2, f64Div: 0xa3, f64Max: 0xa5,
  f64ConvertI32U: 0xb8,
} as const;

/** Opcodes (after the 0xfd prefix) of the SIMD instructions without immediates that the kernels use. */
export const SIMD = {
  f64x2Splat: 0x14, f64x2Gt: 0x4a, v128And: 0x4e, v128Bitselect: 0x52,
  f64x2Abs: 0xec, f64x2Add: 0xf0, f64x2Sub: 0xf1, f64x2Mul: 0xf2, f64x2Div: 0xf3,
} as const;

/** Opcodes (after 0xfd) of the SIMD memory instructions. */
const SIMD_MEMORY = { v128Load: 0x00, v128Load64Splat: 0x0a, v128Store: 0x0b } as const;

/** Opcodes of the scalar memory instructions, with their natural alignment (log2 bytes). */
const MEMORY = { i32Load: [0x28, 2], f64Load: [0x2b, 3], f64Store: [0x39, 3] } as const;

/** Unsigned LEB128, as every index and size in the format. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128, as i32.const's immediate. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** The 8 little-endian bytes of a double. */
function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

/** One function's body being written: its locals and its instruction bytes. */
export class FunctionBuilder {
  /** The instruction bytes so far. */
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];

  /** `params` are the function's parameters, which are its first locals. */
  constructor(readonly params: ValType[], readonly results: ValType[]) {}

  /** A new local of type `type`; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  /** An instruction without immediates (`OP`). */
  op(opcode: number): this {
    this.bytes.push(opcode);
    return this;
  }

  /** A SIMD instruction without immediates (`SIMD`). */
  simd(opcode: number): this {
    this.bytes.push(0xfd, ...uleb(opcode));
    return this;
  }

  /** local.get, local.set or local.tee. */
  get(index: number): this {
    this.bytes.push(0x20, ...uleb(index));
    return this;
  }
  set(index: number): this {
    this.bytes.push(0x21, ...uleb(index));
    return this;
  }
  tee(index: number): this {
    this.bytes.push(0x22, ...uleb(index));
    return this;
  }

  /** i32.const, f64.const, or a v128.const of two equal doubles. */
  i32(value: number): this {
    this.bytes.push(0x41, ...sleb(value | 0));
    return this;
  }
  f64(value: number): this {
    this.bytes.push(0x44, ...f64Bytes(value));
    return this;
  }
  f64x2(value: number): this {
    this.bytes.push(0xfd, 0x0c, ...f64Bytes(value), ...f64Bytes(value));
    return this;
  }

  /** A scalar load or store; the address is on the stack and `offset` (bytes) is added to it. */
  memory(kind: keyof typeof MEMORY, offset: number): this {
    const [opcode, align] = MEMORY[kind];
    this.bytes.push(opcode, align, ...uleb(offset));
    return this;
  }

  /** A SIMD load or store (16 bytes, or 8 splatted into both lanes); alignment hint 8 bytes. */
  simdMemory(kind: keyof typeof SIMD_MEMORY, offset: number): this {
    this.bytes.push(0xfd, ...uleb(SIMD_MEMORY[kind]), 3, ...uleb(offset));
    return this;
  }

  /** f64x2.extract_lane. */
  lane(index: 0 | 1): this {
    this.bytes.push(0xfd, 0x21, index);
    return this;
  }

  /** loop (empty block type); branch to depth 0 inside it to repeat. */
  loop(): this {
    this.bytes.push(0x03, 0x40);
    return this;
  }

  /** br_if to the enclosing block at `depth`. */
  brIf(depth: number): this {
    this.bytes.push(0x0d, ...uleb(depth));
    return this;
  }

  /** call of function `index` (imports come first). */
  call(index: number): this {
    this.bytes.push(0x10, ...uleb(index));
    return this;
  }

  /** The function's code entry: locals grouped by run of type, then the bytes and `end`. */
  encode(): number[] {
    const groups: [number, ValType][] = [];
    for (const type of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === type) last[0]++;
      else groups.push([1, type]);
    }
    const body = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n), TYPE_CODE[t]]), ...this.bytes, OP.end];
    return [...uleb(body.length), ...body];
  }
}

/** What a module holds: imported functions ("env"), an imported memory, and exported functions. */
export interface ModuleParts {
  /** Imported functions from module "env", in index order. */
  imports: { name: string; params: ValType[]; results: ValType[] }[];
  /** Defined functions, each exported under its name; their indices follow the imports'. */
  functions: { name: string; body: FunctionBuilder }[];
}

/** Encodes a module; its memory is imported as env.memory. */
export function encodeModule(parts: ModuleParts): Uint8Array {
  const signatures: string[] = [];
  const typeOf = (params: ValType[], results: ValType[]) => {
    const key = `${params.join(",")}->${results.join(",")}`;
    if (!signatures.includes(key)) signatures.push(key);
    return signatures.indexOf(key);
  };
  const importTypes = parts.imports.map((imp) => typeOf(imp.params, imp.results));
  const functionTypes = parts.functions.map((fn) => typeOf(fn.body.params, fn.body.results));
  const name = (s: string) => [...uleb(s.length), ...Array.from(Buffer.from(s, "utf8"))];
  const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
  const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
  const types = signatures.map((key) => {
    const [params, results] = key.split("->").map((s) => (s ? (s.split(",") as ValType[]) : []));
    return [0x60, ...uleb(params.length), ...params.map((t) => TYPE_CODE[t]), ...uleb(results.length), ...results.map((t) => TYPE_CODE[t])];
  });
  const imports = [
    ...parts.imports.map((imp, i) => [...name("env"), ...name(imp.name), 0x00, ...uleb(importTypes[i])]),
    [...name("env"), ...name("memory"), 0x02, 0x00, 0x01],
  ];
  const exports = parts.functions.map((fn, i) => [...name(fn.name), 0x00, ...uleb(parts.imports.length + i)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(functionTypes.map((t) => uleb(t)))),
    ...section(7, vector(exports)),
    ...section(10, vector(parts.functions.map((fn) => fn.body.encode()))),
  ]);
}
