/**
 * Progress reporting for long commands. On a terminal it draws a bar with ETA; elsewhere (CI, a
 * pipe, a log file) it prints a plain line at most every few seconds so logs stay readable.
 */
import { SingleBar, Presets } from "cli-progress";

export interface Progress {
  /** Advances by `delta` finished items; `label` names the last one. */
  tick(delta?: number, label?: string): void;
  /** Changes the total, e.g. when resuming skips finished work. */
  setTotal(total: number): void;
  stop(): void;
}

export function createProgress(title: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY && !process.env.CI) {
    const bar = new SingleBar(
      { format: `${title} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted} | {label}`, stream, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0, { label: "" });
    return {
      tick: (delta = 1, label = "") => bar.increment(delta, { label }),
      setTotal: (next) => bar.setTotal(next),
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  let lastPrinted = 0;
  const started = Date.now();
  const print = (label: string) => {
    const elapsed = (Date.now() - started) / 1000;
    const eta = done > 0 ? Math.max(0, (elapsed / done) * (total - done)) : NaN;
    const etaText = Number.isFinite(eta) ? `, ETA ${Math.round(eta)} s` : "";
    stream.write(`${title}: ${done}/${total} (${elapsed.toFixed(0)} s${etaText})${label ? ` ${label}` : ""}\n`);
  };
  return {
    tick(delta = 1, label = "") {
      done += delta;
      const now = Date.now();
      if (now - lastPrinted > 5000 || done >= total) {
        lastPrinted = now;
        print(label);
      }
    },
    setTotal(next) {
      total = next;
    },
    stop() {
      if (done < total) print("stopped");
    },
  };
}
