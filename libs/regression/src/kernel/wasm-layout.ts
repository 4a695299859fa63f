/**
 * The memory image the WebAssembly kernel (logistic.wat) works on, planned from a `SparseDesign`.
 *
 * The kernel needs the design twice, in two shapes:
 *   - row codes for the forward pass: the weights are split into blocks of 5, and each row's
 *     signs inside a block form a base-3 number (digit 1 = +1, 2 = −1), stored as the u16 byte
 *     address of that pattern's entry in the block's table of signed subset sums (binary32);
 *   - column lists for the backward pass: for each weight, the addresses of p_i (binary32) for the rows where
 *     it has sign +1, then −1, each segment padded to a multiple of 4 with the address of a zero.
 * Everything is an absolute byte address so the kernel's loops do no index arithmetic.
 */
import type { SparseDesign } from "../model/design.js";

/** Weights per block: 3^5 = 243 table entries, so a table costs about as much as 20 rows of lookups. */
export const BLOCK_SIZE = 5;
/** Bytes between block tables: 243 binary32 entries plus scratch for the four-wide writes' overhang. */
export const TABLE_STRIDE = 248 * 4;
const WEIGHT_STRIDE = BLOCK_SIZE * 8;
/**
 * Phase points kept in the kernel's memory: a chain's trajectory workspace needs seven, the
 * step-size search two more; a few spare. Beyond that, points live in JavaScript arrays (the
 * leapfrog step then runs in JavaScript, with the same bits).
 */
export const PHASE_POINT_SLOTS = 12;
/**
 * Momentum-sum checkpoints for a NUTS subtree's U-turn checks (`subtreeLeaf`): one per tree depth,
 * up to the largest maximum depth the settings allow.
 */
export const UTURN_CHECKPOINT_SLOTS = 30;
/** Codes are u16 addresses and the tables start at byte 32, which caps the number of blocks. */
const MAX_BLOCKS = Math.floor((0xffff - 32) / TABLE_STRIDE);

/** Byte addresses and sizes of everything in the kernel's memory. */
export interface KernelLayout {
  readonly rows: number;
  readonly dim: number;
  readonly blocks: number;
  readonly codesPerRow: number;
  /** Groups of 8 rows (the pointwise pass's step); s and p have room for 8 × groups rows. */
  readonly groups: number;
  readonly zero: number;
  readonly out: number;
  readonly w: number;
  readonly grad: number;
  readonly tab: number;
  readonly s: number;
  readonly p: number;
  readonly cols: number;
  readonly list: number;
  readonly codes: number;
  /** M⁻¹ for `leapfrog` (dim binary64 entries). */
  readonly inverseMass: number;
  /** Two binary64 results of `leapfrog`: the prior's part of U and the data term's partial sum. */
  readonly scalars: number;
  /** Phase points for `leapfrog`: `pointSlots` slots of `pointStride` bytes from here. */
  readonly points: number;
  /** Bytes of a slot's z (blocks × 5 binary64, the tail zero so the tables can read whole blocks); r and ∇U follow. */
  readonly zBytes: number;
  readonly pointStride: number;
  readonly pointSlots: number;
  /**
   * U-turn bookkeeping of one subtree: its momentum sum (dim entries) from here, then
   * `UTURN_CHECKPOINT_SLOTS` momenta and as many momentum sums (dim entries each).
   */
  readonly uturn: number;
  readonly bytes: number;
  /** The initial memory contents from address 0 up to `bytes`. */
  readonly image: Uint8Array;
}

/**
 * True when the kernel can evaluate `design`: every entry is 0 or ±1 (signed) and there are at
 * most 330 weights (66 blocks of u16-addressable tables).
 */
export function kernelSupports(design: SparseDesign): boolean {
  if (Math.ceil(design.dim / BLOCK_SIZE) > MAX_BLOCKS) return false;
  for (let i = 0; i < design.rows; i++) if (design.minusEnd[i] !== design.rowStart[i + 1]) return false;
  return true;
}

const align16 = (n: number) => (n + 15) & ~15;

/** Plans the memory image of `design` (which `kernelSupports`). */
export function planKernelLayout(design: SparseDesign): KernelLayout {
  const { rows, dim, rowStart, plusEnd, minusEnd, index } = design;
  const blocks = Math.max(1, Math.ceil(dim / BLOCK_SIZE));
  const codesPerRow = blocks + (blocks & 1);
  // The pointwise pass does eight rows (two f32x4) per iteration.
  const groups = Math.ceil(rows / 8);

  // Column segment lengths, padded to a multiple of 4.
  const plusCount = new Int32Array(dim);
  const minusCount = new Int32Array(dim);
  for (let i = 0; i < rows; i++) {
    for (let k = rowStart[i]!; k < plusEnd[i]!; k++) plusCount[index[k]!]!++;
    for (let k = plusEnd[i]!; k < minusEnd[i]!; k++) minusCount[index[k]!]!++;
  }
  let listEntries = 0;
  for (let j = 0; j < dim; j++) listEntries += align4(plusCount[j]!) + align4(minusCount[j]!);

  const zero = 0;
  const out = 16;
  const tab = 32;
  const w = tab + blocks * TABLE_STRIDE;
  const grad = align16(w + blocks * WEIGHT_STRIDE);
  const s = align16(grad + dim * 8);
  const p = s + groups * 32;
  const cols = p + groups * 64;
  const list = align16(cols + dim * 12);
  const codes = align16(list + listEntries * 4);
  const inverseMass = align16(codes + rows * codesPerRow * 2);
  const scalars = align16(inverseMass + dim * 8);
  const points = scalars + 16;
  const zBytes = blocks * WEIGHT_STRIDE;
  const pointStride = align16(zBytes + 2 * dim * 8);
  const pointSlots = PHASE_POINT_SLOTS;
  const uturn = points + pointSlots * pointStride;
  const bytes = uturn + (1 + 2 * UTURN_CHECKPOINT_SLOTS) * dim * 8;

  const image = new Uint8Array(bytes);
  const view = new DataView(image.buffer);
  // Up to seven padding slots in s: −∞ makes each contribute exactly 1 to the product and 0 to
  // Σ max(s, 0), so the energy has the same bits as without them; their p is never read.
  for (let i = rows; i < 8 * groups; i++) view.setFloat32(s + i * 4, Number.NEGATIVE_INFINITY, true);

  // Column lists: fill positions per column, padding with the zero slot's address.
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
    const pAddress = p + 8 * i;
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
    const rowCodes = codes + 2 * codesPerRow * i;
    for (let b = 0; b < blocks; b++) view.setUint16(rowCodes + 2 * b, tab + b * TABLE_STRIDE + 4 * pattern[b]!, true);
    // a padding code stays 0: the address of the zero slot
  }
  return {
    rows, dim, blocks, codesPerRow, groups, zero, out, w, grad, tab, s, p, cols, list, codes,
    inverseMass, scalars, points, zBytes, pointStride, pointSlots, uturn, bytes, image,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
