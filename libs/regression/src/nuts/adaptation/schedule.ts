/**
 * Stan's warm-up windows, as numpyro's `build_adaptation_schedule` lays them out:
 *
 *   |  init buffer (75)  | slow 25 | slow 50 | slow 100 | … | term buffer (50) |
 *     step size only       step size + M⁻¹ (M⁻¹ re-estimated at each end)   step size only
 *
 * The slow windows double until the next doubling would not fit; the last one then absorbs the
 * remaining steps. With fewer than 150 steps the buffers become 15 % / 10 % of the run and the rest
 * is one slow window; under 20 steps there is a single window (step size only). For the paper's 500
 * steps: [0,74] [75,99] [100,149] [150,249] [250,449] [450,499].
 */
import { BASE_WINDOW, INIT_BUFFER, TERM_BUFFER } from "../../defaults.js";

/** Warm-up iterations start … end (both included). */
export interface AdaptWindow {
  readonly start: number;
  readonly end: number;
}

export function buildAdaptationSchedule(numSteps: number): readonly AdaptWindow[] {
  if (numSteps < 20) return numSteps > 0 ? [{ start: 0, end: numSteps - 1 }] : [];
  let initBuffer = INIT_BUFFER;
  let termBuffer = TERM_BUFFER;
  let baseWindow = BASE_WINDOW;
  if (initBuffer + termBuffer + baseWindow > numSteps) {
    initBuffer = Math.trunc(0.15 * numSteps);
    termBuffer = Math.trunc(0.1 * numSteps);
    baseWindow = numSteps - initBuffer - termBuffer;
  }
  const windows: AdaptWindow[] = [{ start: 0, end: initBuffer - 1 }];
  const termStart = numSteps - termBuffer;
  let nextSize = baseWindow;
  let nextStart = initBuffer;
  while (nextStart < termStart) {
    const start = nextStart;
    let size = nextSize;
    // The next window doubles only if it and a doubled successor still fit; else this one ends at the buffer.
    if (3 * size <= termStart - start) nextSize = 2 * size;
    else size = termStart - start;
    nextStart = start + size;
    windows.push({ start, end: nextStart - 1 });
  }
  windows.push({ start: termStart, end: numSteps - 1 });
  return windows;
}
