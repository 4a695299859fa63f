/**
 * The data term of the potential evaluated by the WebAssembly kernel (logistic.wat):
 * E(w) = Σ_i softplus(s_i) and its gradient, for ternary designs.
 *
 * The module is compiled once per thread (synchronously: it is ~2.8 kB, well under any engine's
 * limit for synchronous compilation) and instantiated once per potential, each instance with its
 * own memory. Environments without WebAssembly SIMD get `undefined` and the caller falls back to
 * the JavaScript loop.
 */
import type { SparseDesign } from "../model/design.js";
import { LOGISTIC_WASM_BASE64 } from "./logistic-wasm.js";
import { kernelSupports, planKernelLayout, UTURN_CHECKPOINT_SLOTS, type KernelLayout } from "./wasm-layout.js";

type EvaluateExport = (
  w: number, blocks: number, tab: number,
  codes: number, codesPerRow: number, s: number, rows: number,
  p: number, groups: number, out: number,
  cols: number, dim: number, grad: number,
) => number;

type ConfigureExport = (
  blocks: number, tab: number, codes: number, codesPerRow: number,
  s: number, rows: number, p: number, groups: number, out: number,
  cols: number, dim: number, inverseMass: number, scalars: number, zBytes: number,
  invScale: number, priorConstant: number,
) => void;
type LeapfrogExport = (from: number, to: number, stepSize: number) => number;
type SubtreeLeafExport = (
  leaf: number, rSum: number, ckR: number, ckSum: number, first: number, idxMin: number, idxMax: number,
) => number;


/** A phase point whose buffers are views of the kernel's memory, starting at byte `address`. */
export interface KernelPhasePoint {
  readonly address: number;
  readonly z: Float64Array;
  readonly r: Float64Array;
  readonly grad: Float64Array;
  potential: number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) is unavailable. */
function logisticModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly === "object") {
    const bytes = Uint8Array.from(atob(LOGISTIC_WASM_BASE64), (c) => c.charCodeAt(0));
    if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** Evaluates E(w) and ∇E(w) of one design with the WebAssembly kernel. */
export class WasmLogisticKernel {
  private readonly layout: KernelLayout;
  private readonly run: EvaluateExport;
  private readonly heap: Float64Array;
  private readonly memory: WebAssembly.Memory;
  private readonly configure: ConfigureExport;
  private readonly step: LeapfrogExport;
  private readonly leafBookkeeping: SubtreeLeafExport;
  private scratchHandedOut = false;
  private pointsUsed = 0;
  /** The M⁻¹ last copied into the kernel's memory (metrics are immutable, so identity suffices). */
  private inverseMass: Float64Array | undefined;
  /** ∇E(w) of the last `evaluate` (a view of the kernel's memory, `dim` entries). */
  readonly gradient: Float64Array;

  private constructor(layout: KernelLayout, instance: WebAssembly.Instance) {
    this.layout = layout;
    const memory = instance.exports.memory as WebAssembly.Memory;
    const pages = Math.ceil(layout.bytes / 65536);
    const have = memory.buffer.byteLength / 65536;
    if (pages > have) memory.grow(pages - have);
    new Uint8Array(memory.buffer).set(layout.image);
    this.heap = new Float64Array(memory.buffer);
    this.gradient = new Float64Array(memory.buffer, layout.grad, layout.dim);
    this.run = instance.exports.evaluate as EvaluateExport;
    this.memory = memory;
    this.configure = instance.exports.configure as ConfigureExport;
    this.step = instance.exports.leapfrog as LeapfrogExport;
    this.leafBookkeeping = instance.exports.subtreeLeaf as SubtreeLeafExport;
  }

  /**
   * The momentum sum of a NUTS subtree in this kernel's memory (a view), next to room for `slots`
   * U-turn checkpoints, so that `subtreeLeaf` does a leaf's sums and checks in one call; undefined
   * once handed out (there is one such area) or when `slots` exceeds the room.
   */
  allocateSubtreeScratch(slots: number): Float64Array | undefined {
    if (this.scratchHandedOut || slots > UTURN_CHECKPOINT_SLOTS) return undefined;
    this.scratchHandedOut = true;
    const L = this.layout;
    return new Float64Array(this.memory.buffer, L.uturn, L.dim);
  }

  /**
   * After leaf number `leafIndex` (a phase point of this kernel) of a subtree: adds its momentum to
   * the scratch's momentum sum (sets it at the first leaf), stores the checkpoint of an even leaf
   * and checks the sub-subtrees ending at it in slots idxMax down to idxMin for a U-turn, with the
   * same bits as trajectory.ts's JavaScript path. The M⁻¹ must be the one of the last `leapfrog`.
   */
  subtreeLeaf(leaf: KernelPhasePoint, first: boolean, idxMin: number, idxMax: number): boolean {
    const L = this.layout;
    const dimBytes = 8 * L.dim;
    return this.leafBookkeeping(leaf.address, L.uturn, L.uturn + dimBytes, L.uturn + (1 + UTURN_CHECKPOINT_SLOTS) * dimBytes,
      first ? 1 : 0, idxMin, idxMax) !== 0;
  }

  /**
   * Sets the Laplace prior (1/b and the constant d·log(2b)) that `leapfrog` adds to the data term.
   * Must precede `leapfrog`.
   */
  configurePrior(invScale: number, priorConstant: number): void {
    const L = this.layout;
    this.configure(L.blocks, L.tab, L.codes, L.codesPerRow, L.s, L.rows, L.p, L.groups, L.out,
      L.cols, L.dim, L.inverseMass, L.scalars, L.zBytes, invScale, priorConstant);
  }

  /** A zeroed phase point in the kernel's memory, or undefined when all slots are taken. */
  allocatePhasePoint(): KernelPhasePoint | undefined {
    const L = this.layout;
    if (this.pointsUsed >= L.pointSlots) return undefined;
    const address = L.points + this.pointsUsed++ * L.pointStride;
    const buffer = this.memory.buffer;
    return {
      address,
      z: new Float64Array(buffer, address, L.dim),
      r: new Float64Array(buffer, address + L.zBytes, L.dim),
      grad: new Float64Array(buffer, address + L.zBytes + 8 * L.dim, L.dim),
      potential: 0,
    };
  }

  /**
   * One leapfrog step of U = data term + Laplace prior (see `configurePrior`) between two of this
   * kernel's phase points: writes z, r, ∇U and U into `to` and returns its kinetic energy.
   */
  leapfrog(from: KernelPhasePoint, to: KernelPhasePoint, stepSize: number, inverseMass: Float64Array): number {
    const L = this.layout;
    const heap = this.heap;
    if (inverseMass !== this.inverseMass) {
      heap.set(inverseMass, L.inverseMass >> 3);
      this.inverseMass = inverseMass;
    }
    const kinetic = this.step(from.address, to.address, stepSize);
    const o = L.out >> 3;
    const c = L.scalars >> 3;
    // The same sum as LogisticLaplacePotential.evaluate: prior + (partial + log(products)).
    to.potential = heap[c]! + (heap[c + 1]! + Math.log(heap[o]! * heap[o + 1]!));
    return kinetic;
  }

  /** A kernel for `design`, or undefined if the design is not ternary or WebAssembly SIMD is missing. */
  static create(design: SparseDesign): WasmLogisticKernel | undefined {
    const module = logisticModule();
    if (module === null || !kernelSupports(design)) return undefined;
    return new WasmLogisticKernel(planKernelLayout(design), new WebAssembly.Instance(module, {}));
  }

  /**
   * Returns E(w) and leaves ∇E(w) in `gradient`. Does not allocate. The caller reads the gradient
   * from the kernel's memory in the loop where it adds the prior's, which saves a pass over it.
   */
  evaluate(w: Float64Array): number {
    const L = this.layout;
    const heap = this.heap;
    heap.set(w, L.w >> 3);
    const partial = this.run(L.w, L.blocks, L.tab, L.codes, L.codesPerRow, L.s, L.rows, L.p, L.groups, L.out, L.cols, L.dim, L.grad);
    const o = L.out >> 3;
    return partial + Math.log(heap[o]! * heap[o + 1]!);
  }

  /** Returns E(w) and adds ∇E(w) into `grad`. Does not allocate. */
  addDataTerm(w: Float64Array, grad: Float64Array): number {
    const energy = this.evaluate(w);
    const g = this.gradient;
    for (let j = 0; j < g.length; j++) grad[j] = grad[j]! + g[j]!;
    return energy;
  }
}
