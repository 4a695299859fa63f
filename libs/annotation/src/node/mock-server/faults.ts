/**
 * Faults the loopback server can inject into a chat-completions or completions request, each
 * standing for something real servers do.
 */
export type MockFault =
  /** An HTTP error status; 429 may carry Retry-After (seconds) or retry-after-ms. */
  | { readonly kind: "status"; readonly status: number; readonly retryAfterSeconds?: number; readonly retryAfterMs?: number }
  /** Never answers (until the client gives up or the server's hang limit passes). */
  | { readonly kind: "hang" }
  /** Closes the connection without answering. */
  | { readonly kind: "drop" }
  /** Sends the headers and half of the JSON body, then closes the connection. */
  | { readonly kind: "truncated-body" }
  /** A 200 whose answer is prose, not JSON. */
  | { readonly kind: "malformed-answer" }
  /** A 200 whose JSON answer is wrapped in prose and a code fence and has trailing commas. */
  | { readonly kind: "repairable-answer" }
  /** A 200 whose JSON answer stops half-way, with finish_reason "length". */
  | { readonly kind: "truncated-answer" }
  /** A 400 complaining about response_format when JSON mode is requested; a normal answer otherwise. */
  | { readonly kind: "reject-json-mode" }
  /** A 200 without log-probabilities although the request asked for them. */
  | { readonly kind: "no-logprobs" }
  /** A 200 whose first token is a filler and whose top-k list holds no single-letter choice token. */
  | { readonly kind: "topk-without-choices" };

export type MockFaultKind = MockFault["kind"];

/**
 * Parses a comma-separated fault list as the `pd mock-server --faults` flag takes it:
 * `429`, `429:2` (with Retry-After 2 s), `500`, `503`, `hang`, `drop`, `truncated-body`,
 * `malformed-answer`, `repairable-answer`, `truncated-answer`, `reject-json-mode`, `no-logprobs`,
 * `topk-without-choices`.
 */
export function parseFaultList(text: string): MockFault[] | string {
  const faults: MockFault[] = [];
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")) {
    const status = /^(\d{3})(?::(\d+(?:\.\d+)?))?$/.exec(part);
    if (status !== null) {
      faults.push({
        kind: "status",
        status: Number(status[1]),
        ...(status[2] !== undefined ? { retryAfterSeconds: Number(status[2]) } : {}),
      });
      continue;
    }
    const kinds: MockFaultKind[] = [
      "hang",
      "drop",
      "truncated-body",
      "malformed-answer",
      "repairable-answer",
      "truncated-answer",
      "reject-json-mode",
      "no-logprobs",
      "topk-without-choices",
    ];
    if (!(kinds as string[]).includes(part)) return part;
    faults.push({ kind: part } as MockFault);
  }
  return faults;
}
