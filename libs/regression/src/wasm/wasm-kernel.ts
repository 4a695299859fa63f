/**
 * The data term of the potential evaluated by the WebAssembly kernel (logistic.wat):
 * E(w) = Σ_i softplus(s_i) and its gradient, for ternary designs, for up to four chains at once.
 *
 * The module is compiled once per thread (synchronously: it is ~3.8 kB, well under any engine's
 * limit for synchronous compilation) and instantiated once per group of up to four chains that
 * share a design, each instance with its own memory. Each chain owns a lane: its phase points, M⁻¹
 * and subtree scratch live in the lane's part of the memory, and a gradient is computed for all
 * lanes together. A lane's results never depend on the others (see logistic.wat). Environments
 * without WebAssembly SIMD get `undefined` and the caller falls back to the JavaScript loop.
 * The sampler sees a lane through `WasmLanePotential` (lane-potential.ts).
 */
import type { SparseDesign } from "../design.js";
import type { PhasePoint } from "../nuts/integrator.js";
import { LOGISTIC_WASM_BASE64 } from "./logistic-wasm.js";
import { kernelSupports, LANES, planKernelLayout, UTURN_CHECKPOINT_SLOTS, type KernelLayout } from "./wasm-layout.js";

type ConfigureExport = (
  blocks: number,
  tab: number,
  codes: number,
  codesPerRow: number,
  s: number,
  rows: number,
  p: number,
  pairs: number,
  energies: number,
  cols: number,
  dim: number,
  grad: number,
  positions: number,
  priors: number,
  zBytes: number,
  invScale: number,
  priorConstant: number,
) => void;
type BeginLeapfrogExport = (lane: number, from: number, to: number, stepSize: number, mass: number) => void;
type FinishLeapfrogExport = (lane: number, to: number, stepSize: number, mass: number) => number;
type SubtreeLeafExport = (leaf: number, rSum: number, ckR: number, ckSum: number, first: number, idxMin: number, idxMax: number, mass: number) => number;

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

/** The data term of one design for up to four chains (lanes 0–3) with the WebAssembly kernel. */
export class WasmLogisticKernel {
  static readonly lanes = LANES;
  readonly dim: number;
  private readonly layout: KernelLayout;
  private readonly heap: Float64Array;
  private readonly memory: WebAssembly.Memory;
  private readonly gradientsExport: () => void;
  private readonly beginExport: BeginLeapfrogExport;
  private readonly finishExport: FinishLeapfrogExport;
  private readonly setPositionExport: (lane: number, at: number) => void;
  private readonly laneGradientExport: (lane: number, at: number) => number;
  private readonly subtreeLeafExport: SubtreeLeafExport;
  private readonly scratchHandedOut = new Array<boolean>(LANES).fill(false);
  private readonly pointsUsed = new Int32Array(LANES);
  /** Per lane, the M⁻¹ last copied into the kernel's memory (metrics are immutable, so identity suffices). */
  private readonly inverseMass = new Array<Float64Array | undefined>(LANES).fill(undefined);
  /** Lanes with a begun, unfinished leapfrog step. */
  private pendingLanes = 0;

  private constructor(layout: KernelLayout, instance: WebAssembly.Instance, invScale: number, priorConstant: number) {
    this.layout = layout;
    this.dim = layout.dim;
    const memory = instance.exports.memory as WebAssembly.Memory;
    const pages = Math.ceil(layout.bytes / 65536);
    const have = memory.buffer.byteLength / 65536;
    if (pages > have) memory.grow(pages - have);
    new Uint8Array(memory.buffer).set(layout.image);
    this.memory = memory;
    this.heap = new Float64Array(memory.buffer);
    const exports = instance.exports;
    this.gradientsExport = exports.gradients as () => void;
    this.beginExport = exports.beginLeapfrog as BeginLeapfrogExport;
    this.finishExport = exports.finishLeapfrog as FinishLeapfrogExport;
    this.setPositionExport = exports.setPosition as (lane: number, at: number) => void;
    this.laneGradientExport = exports.laneGradient as (lane: number, at: number) => number;
    this.subtreeLeafExport = exports.subtreeLeaf as SubtreeLeafExport;
    const L = layout;
    (exports.configure as ConfigureExport)(
      L.blocks,
      L.tab,
      L.codes,
      L.codesPerRow,
      L.s,
      L.rows,
      L.p,
      L.pairs,
      L.energies,
      L.cols,
      L.dim,
      L.grad,
      L.positions,
      L.priors,
      L.zBytes,
      invScale,
      priorConstant,
    );
  }

  /**
   * A kernel for `design` with the Laplace prior given by 1/b and the constant d·log(2b), or
   * undefined if the design is not ternary or WebAssembly SIMD is missing.
   */
  static create(design: SparseDesign, invScale: number, priorConstant: number): WasmLogisticKernel | undefined {
    const module = logisticModule();
    if (module === null || !kernelSupports(design)) return undefined;
    return new WasmLogisticKernel(planKernelLayout(design), new WebAssembly.Instance(module, {}), invScale, priorConstant);
  }

  /**
   * A zeroed phase point in lane `lane`'s memory (its buffers are views starting at byte `address`).
   * A chain uses 7 of the lane's slots; running out is a programming error.
   */
  allocatePhasePoint(lane: number): PhasePoint {
    const L = this.layout;
    if (this.pointsUsed[lane]! >= L.pointSlots) throw new RangeError(`lane ${lane} has no free phase-point slot (${L.pointSlots} in all)`);
    const address = L.lanes[lane]!.points + this.pointsUsed[lane]!++ * L.pointStride;
    return this.pointAt(address);
  }

  private pointAt(address: number): PhasePoint {
    const L = this.layout;
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
   * The momentum sum of a NUTS subtree in lane `lane`'s memory (a view), next to room for `slots`
   * U-turn checkpoints, so that `subtreeLeaf` does a leaf's sums and checks in one call. There is
   * one such area per lane, for up to `UTURN_CHECKPOINT_SLOTS` (the deepest tree the settings
   * allow); asking twice or for more is a programming error.
   */
  allocateSubtreeScratch(lane: number, slots: number): Float64Array {
    if (this.scratchHandedOut[lane]) throw new RangeError(`lane ${lane}'s subtree scratch is already in use`);
    if (slots > UTURN_CHECKPOINT_SLOTS) throw new RangeError(`a subtree needs ${slots} checkpoint slots; the kernel has ${UTURN_CHECKPOINT_SLOTS}`);
    this.scratchHandedOut[lane] = true;
    return new Float64Array(this.memory.buffer, this.layout.lanes[lane]!.uturn, this.layout.dim);
  }

  /**
   * After leaf number `leafIndex` (a phase point of lane `lane`) of a subtree: adds its momentum to
   * the lane's scratch momentum sum (sets it at the first leaf), stores the checkpoint of an even
   * leaf and checks the sub-subtrees ending at it in slots idxMax down to idxMin for a U-turn, with
   * the same bits as `createSubtreeTracker` in nuts/batched-potential.ts.
   */
  subtreeLeaf(lane: number, leaf: PhasePoint, leafIndex: number, idxMin: number, idxMax: number, inverseMass: Float64Array): boolean {
    const L = this.layout;
    const uturn = L.lanes[lane]!.uturn;
    const dimBytes = 8 * L.dim;
    return (
      this.subtreeLeafExport(
        leaf.address,
        uturn,
        uturn + dimBytes,
        uturn + (1 + UTURN_CHECKPOINT_SLOTS) * dimBytes,
        leafIndex === 0 ? 1 : 0,
        idxMin,
        idxMax,
        this.massAddress(lane, inverseMass),
      ) !== 0
    );
  }

  private massAddress(lane: number, inverseMass: Float64Array): number {
    const address = this.layout.lanes[lane]!.inverseMass;
    if (inverseMass !== this.inverseMass[lane]) {
      this.heap.set(inverseMass, address >> 3);
      this.inverseMass[lane] = inverseMass;
    }
    return address;
  }

  /**
   * The first half of lane `lane`'s leapfrog step between two of its phase points (half kick,
   * drift, prior); the gradient follows at the next `computeGradients`, then `finishLeapfrog`.
   */
  beginLeapfrog(lane: number, from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): void {
    this.beginExport(lane, from.address, to.address, stepSize, this.massAddress(lane, inverseMass));
    this.pendingLanes |= 1 << lane;
  }

  /** Whether some lane waits for `computeGradients`. */
  get pending(): boolean {
    return this.pendingLanes !== 0;
  }

  /** The data term and its gradient at every lane's current position. */
  computeGradients(): void {
    this.gradientsExport();
    this.pendingLanes = 0;
  }

  /** The rest of lane `lane`'s step into `to`: writes ∇U and U there and returns the kinetic energy. */
  finishLeapfrog(lane: number, to: PhasePoint, stepSize: number, inverseMass: Float64Array): number {
    const kinetic = this.finishExport(lane, to.address, stepSize, this.massAddress(lane, inverseMass));
    to.potential = this.heap[(this.layout.priors >> 3) + lane]! + this.dataEnergy(lane);
    return kinetic;
  }

  /** E at lane `lane`'s position of the last `computeGradients`: its partial sum plus the log of its product. */
  private dataEnergy(lane: number): number {
    const e = (this.layout.energies >> 3) + lane;
    return this.heap[e]! + Math.log(this.heap[e + 4]!);
  }

  /**
   * U(w) = E(w) + prior at a position given as a plain array, on lane `lane` alone (the other lanes'
   * results are recomputed as they were): writes ∇U into `grad` and returns U.
   */
  evaluate(lane: number, w: Float64Array, grad: Float64Array): number {
    const L = this.layout;
    const at = L.lanes[lane]!.scratchPoint;
    const heap = this.heap;
    heap.set(w, at >> 3);
    this.setPositionExport(lane, at);
    this.gradientsExport();
    const prior = this.laneGradientExport(lane, at);
    const gradAt = (at + L.zBytes) / 8 + L.dim;
    for (let j = 0; j < L.dim; j++) grad[j] = heap[gradAt + j]!;
    return prior + this.dataEnergy(lane);
  }
}
