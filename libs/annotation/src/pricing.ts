/**
 * Cost accounting. Prices are US dollars per million tokens as the provider listed them in 2024–25;
 * they change, so the CLI lets a user override them (`--price`), and a model missing from the table
 * (a local vLLM or llama.cpp model, say) simply reports no cost. The Batch API bills half price.
 */
export interface ModelPrice {
  /** USD per 1M prompt tokens. */
  readonly input: number;
  /** USD per 1M completion tokens. */
  readonly output: number;
}

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4-1106-preview": { input: 10, output: 30 },
  "gpt-4-turbo": { input: 10, output: 30 },
  "gpt-4": { input: 30, output: 60 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5 },
};

/** Share of the list price the Batch API charges. */
export const BATCH_PRICE_FACTOR = 0.5;

/**
 * The price of `model`: an exact table entry, else the longest entry the name starts with
 * (`gpt-4o-2024-08-06` → `gpt-4o`), else `undefined`.
 */
export function priceFor(model: string, table: Readonly<Record<string, ModelPrice>> = PRICES): ModelPrice | undefined {
  const exact = table[model];
  if (exact !== undefined) return exact;
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (model.startsWith(`${name}-`) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : table[best];
}

/** Token counts of one or more calls. */
export interface TokenUsage {
  readonly input: number;
  readonly output: number;
}

/** Cost in USD of `usage` at `price` (halved for the Batch API). */
export function costOf(usage: TokenUsage, price: ModelPrice, batch = false): number {
  const dollars = (usage.input * price.input + usage.output * price.output) / 1_000_000;
  return batch ? dollars * BATCH_PRICE_FACTOR : dollars;
}

/**
 * Rough token count of a text for estimates made before any call (about four characters per
 * token for English with the GPT tokenizers). Real runs use the counts the server reports.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Parses a `--price` value "INPUT,OUTPUT" (USD per 1M tokens); `undefined` when malformed. */
export function parsePrice(text: string): ModelPrice | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (match === null) return undefined;
  return { input: Number(match[1]), output: Number(match[2]) };
}
