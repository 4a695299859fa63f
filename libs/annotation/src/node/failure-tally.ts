/**
 * What went wrong with the requests of a run, counted by kind ("HTTP 503", "truncated body",
 * "timeout", …), and how many requests got an answer. The call executor owns one per run: it is
 * what lets a run that cannot make progress say what actually happened ("the server kept failing:
 * 14× HTTP 503, 9× HTTP 429") instead of guessing, and what the summary prints as retried faults.
 * It knows nothing about prompts or the cache, so any runner of requests can keep one.
 */
export class FailureTally {
  private readonly counts = new Map<string, number>();
  private answers = 0;

  /** Counts a request that got an answer from the server. */
  answered(): void {
    this.answers += 1;
  }

  /** Counts a request that failed, by a short label of what happened. */
  failed(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** Requests that got an answer. */
  get answeredCount(): number {
    return this.answers;
  }

  /** Requests that failed, of any kind. */
  get failedCount(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** Failures by kind, most frequent first (ties in the order they were first seen). */
  entries(): Array<{ kind: string; count: number }> {
    return [...this.counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
  }

  /** "14× HTTP 503, 9× HTTP 429, 6× truncated body"; "" when nothing failed. */
  describe(): string {
    return this.entries()
      .map(({ kind, count }) => `${count}× ${kind}`)
      .join(", ");
  }
}
