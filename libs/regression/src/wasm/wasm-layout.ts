/**
 * The memory image the WebAssembly kernel (logistic.wat) works on, planned from a `SparseDesign`.
 *
 * The kernel computes four chains' gradients at once, one per SIMD lane, so every per-row value
 * (table entry, logit, p) is stored four-wide, and it needs the design twice, in two shapes:
 *   - row codes for the forward pass: the weights are split into blocks of 5, and each row's
 *     signs inside a block form a base-3 number (digit 1 = +1, 2 = −1), stored as the i32 byte
 *     address of that pattern's entry in the block's table of signed subset sums;
 *   - column lists for the backward pass: for each weight, the addresses of the rows' p for the
 *     rows where it has sign +1, then −1, each segment padded to a multiple of 4 with the address
 *     of zeros.
 * Everything is an absolute byte address so the kernel's loops do no index arithmetic. Behind the
 * shared data, each lane (chain) has its own M⁻¹, phase points and NUTS subtree scratch.
 */
import type { SparseDesign } from "../design.js";

/** Chains per kernel: one per lane of an f32x4. */
export const LANES = 4;
/** Weights per block: 3^5 = 243 table entries, so a table costs about as much as 20 rows of lookups. */
export const BLOCK_SIZE = 5;
/** Bytes of a block's table: 243 entries of four binary32 lanes. */
export const TABLE_STRIDE = 243 * 16;
const WEIGHT_STRIDE = BLOCK_SIZE * 8;
/**
 * Phase points per lane in the kernel's memory: a chain uses seven (the trajectory's four ends and
 * its spare leaf, the step-size search's two points); a few spare.
 */
export const PHASE_POINT_SLOTS = 12;
/**
 * Momentum-sum checkpoints for a NUTS subtree's U-turn checks (`subtreeLeaf`): one per tree depth,
 * up to the largest maximum depth the settings allow.
 */
export const UTURN_CHECKPOINT_SLOTS = 30;

/** Where one lane's own things are. */
export interface LaneLayout {
  /** M⁻¹ (dim binary64 entries). */
  readonly inverseMass: number;
  /** A position for plain-array evaluations (blocks × 5 binary64, zero-padded), then ∇U (dim). */
  readonly scratchPoint: number;
  /** Phase points: `pointSlots` slots of `pointStride` bytes from here. */
  readonly points: number;
  /**
   * U-turn bookkeeping of one subtree: its momentum sum (dim entries) from here, then
   * `UTURN_CHECKPOINT_SLOTS` momenta and as many momentum sums (dim entries each).
   */
  readonly uturn: number;
}

/** Byte addresses and sizes of everything in the kernel's memory. */
export interface KernelLayout {
  readonly rows: number;
  readonly dim: number;
  readonly blocks: number;
  readonly codesPerRow: number;
  /** Pairs of rows (the pointwise pass's step); s and p have room for 2 × pairs rows. */
  readonly pairs: number;
  readonly zero: number;
  /** Per lane l: the energy without its log at +8l, the product to take the log of at +32 + 8l. */
  readonly energies: number;
  /** Per lane: the address of the position the next gradient is taken at (i32). */
  readonly positions: number;
  /** Per lane: the prior's part of U at the last `beginLeapfrog` (binary64). */
  readonly priors: number;
  /** ∇E, lane l of entry j at +32j + 8l. */
  readonly grad: number;
  readonly tab: number;
  readonly s: number;
  readonly p: number;
  readonly cols: number;
  readonly list: number;
  readonly codes: number;
  /** Bytes of a point's z (blocks × 5 binary64, the tail zero so the tables can read whole blocks); r and ∇U follow. */
  readonly zBytes: number;
  readonly pointStride: number;
  readonly pointSlots: number;
  readonly lanes: readonly LaneLayout[];
  readonly bytes: number;
  /** The initial memory contents from address 0 up to `bytes`. */
  readonly image: Uint8Array;
}

/** True when the kernel can evaluate `design`: every entry is 0 or ±1 (signed). */
export function kernelSupports(design: SparseDesign): boolean {
  for (let i = 0; i < design.rows; i++) if (design.minusEnd[i] !== design.rowStart[i + 1]) return false;
  return true;
}

const align16 = (n: number) => (n + 15) & ~15;
const align4 = (n: number) => (n + 3) & ~3;

/** Plans the memory image of `design` (which `kernelSupports`). */
export function planKernelLayout(design: SparseDesign): KernelLayout {
  const { rows, dim, rowStart, plusEnd, minusEnd, index } = design;
  const blocks = Math.max(1, Math.ceil(dim / BLOCK_SIZE));
  const codesPerRow = blocks + (blocks & 1);
  const pairs = Math.ceil(rows / 2);

  // Column segment lengths, padded to a multiple of 4.
  const plusCount = new Int32Array(dim);
  const minusCount = new Int32Array(dim);
  for (let i = 0; i < rows; i++) {
    for (let k = rowStart[i]!; k < plusEnd[i]!; k++) plusCount[index[k]!]!++;
    for (let k = plusEnd[i]!; k < minusEnd[i]!; k++) minusCount[index[k]!]!++;
  }
  let listEntries = 0;
  for (let j = 0; j < dim; j++) listEntries += align4(plusCount[j]!) + align4(minusCount[j]!);

  const zero = 0; // 32 zero bytes: a zero table entry (padding codes) and a zero p (padding list entries)
  const energies = 32;
  const positions = energies + 64;
  const priors = positions + 16;
  const grad = priors + 32;
  const tab = align16(grad + dim * 32);
  const s = tab + blocks * TABLE_STRIDE;
  const p = s + pairs * 32;
  const cols = p + pairs * 64;
  const list = align16(cols + dim * 12);
  const codes = align16(list + listEntries * 4);
  const zBytes = blocks * WEIGHT_STRIDE;
  const pointStride = align16(zBytes + 2 * dim * 8);
  const pointSlots = PHASE_POINT_SLOTS;
  const laneBytes = align16(dim * 8) + pointStride + pointSlots * pointStride + (1 + 2 * UTURN_CHECKPOINT_SLOTS) * dim * 8;
  const lanesStart = align16(codes + rows * codesPerRow * 4);
  const lanes = Array.from({ length: LANES }, (_, l): LaneLayout => {
    const inverseMass = lanesStart + l * align16(laneBytes);
    const scratchPoint = inverseMass + align16(dim * 8);
    const points = scratchPoint + pointStride;
    return { inverseMass, scratchPoint, points, uturn: points + pointSlots * pointStride };
  });
  const bytes = lanesStart + LANES * align16(laneBytes);

  const image = new Uint8Array(bytes);
  const view = new DataView(image.buffer);
  // An odd row count leaves one padding row: s = −∞ in every lane makes its factor exactly 1 and
  // its max(s, 0) exactly 0, so the energy has the same bits as without it; its p is never read.
  for (let i = rows; i < 2 * pairs; i++) for (let l = 0; l < LANES; l++) view.setFloat32(s + 16 * i + 4 * l, Number.NEGATIVE_INFINITY, true);
  // Each lane starts at its own scratch point (zeros), so a lane without a chain computes at w = 0.
  for (let l = 0; l < LANES; l++) view.setInt32(positions + 4 * l, lanes[l]!.scratchPoint, true);

  // Column lists: fill positions per column, padding with the zero's address.
  let at = list;
  const plusFill = new Int32Array(dim);
  const minusFill = new Int32Array(dim);
  for (let j = 0; j < dim; j++) {
    const plusLen = align4(plusCount[j]!);
    const minusLen = align4(minusCount[j]!);
    view.setInt32(cols + 12 * j, at, true);
    view.setInt32(cols + 12 * j + 4, at + 4 * plusLen, true);
    view.setInt32(cols + 12 * j + 8, at + 4 * (plusLen + minusLen), true);
    plusFill[j] = at;
    minusFill[j] = at + 4 * plusLen;
    for (let k = 0; k < plusLen + minusLen; k++) view.setInt32(at + 4 * k, zero, true);
    at += 4 * (plusLen + minusLen);
  }
  for (let i = 0; i < rows; i++) {
    const pAddress = p + 32 * i;
    for (let k = rowStart[i]!; k < plusEnd[i]!; k++) {
      const j = index[k]!;
      view.setInt32(plusFill[j]!, pAddress, true);
      plusFill[j]! += 4;
    }
    for (let k = plusEnd[i]!; k < minusEnd[i]!; k++) {
      const j = index[k]!;
      view.setInt32(minusFill[j]!, pAddress, true);
      minusFill[j]! += 4;
    }
  }

  // Row codes: byte address of the row's sign pattern in each block's table.
  const pattern = new Int32Array(blocks);
  for (let i = 0; i < rows; i++) {
    pattern.fill(0);
    for (let k = rowStart[i]!; k < minusEnd[i]!; k++) {
      const j = index[k]!;
      const digit = k < plusEnd[i]! ? 1 : 2;
      const block = Math.floor(j / BLOCK_SIZE);
      pattern[block]! += digit * 3 ** (j - block * BLOCK_SIZE);
    }
    const rowCodes = codes + 4 * codesPerRow * i;
    for (let b = 0; b < blocks; b++) view.setInt32(rowCodes + 4 * b, tab + b * TABLE_STRIDE + 16 * pattern[b]!, true);
    // a padding code stays 0: the address of the zeros
  }
  return {
    rows,
    dim,
    blocks,
    codesPerRow,
    pairs,
    zero,
    energies,
    positions,
    priors,
    grad,
    tab,
    s,
    p,
    cols,
    list,
    codes,
    zBytes,
    pointStride,
    pointSlots,
    lanes,
    bytes,
    image,
  };
}
