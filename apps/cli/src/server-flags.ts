/**
 * The flags every command that talks to an OpenAI-compatible server shares (`pd annotate`,
 * `pd judge collect`), with one meaning and one wording: where the server is, the key, how hard
 * to push it, and what its tokens cost.
 */
import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { parsePrice, priceFor, type ModelPrice } from "@prefdissect/annotation";
import { checkServerUrl } from "@prefdissect/annotation/node";
import { wholeNumber } from "./flags.js";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** What the shared flags hold after commander has parsed them. */
export interface ServerFlags {
  model: string;
  baseUrl?: string;
  apiKey?: string;
  concurrency: string;
  timeout: string;
  maxRetries: string;
  seed: string;
  price?: string;
}

/** Adds --model, --base-url, --api-key, --concurrency, --timeout, --max-retries, --seed and --price. */
export function addServerFlags(command: Command, model: string): Command {
  return command
    .requiredOption("--model <name>", model)
    .option("--base-url <url>", `server base URL (default: $OPENAI_BASE_URL, else ${DEFAULT_BASE_URL})`)
    .option("--api-key <key>", "API key (default: $OPENAI_API_KEY; prefer the variable, flags end up in shell history); never printed or stored")
    .option("--concurrency <n>", "requests in flight at once", "8")
    .option("--timeout <seconds>", "per-request timeout", "120")
    .option("--max-retries <n>", "retries per call on 429, 5xx, timeouts and dropped connections", "6")
    .option("--seed <n>", "sampling seed sent with every request (temperature is always 0)", "42")
    .option("--price <in,out>", "price in USD per 1M input and output tokens, overriding the built-in table");
}

/** The numbers of the shared flags, checked. */
export function serverSettings(flags: ServerFlags) {
  return {
    concurrency: wholeNumber("concurrency", flags.concurrency, 1),
    timeoutMs: wholeNumber("timeout", flags.timeout, 1) * 1000,
    maxRetries: wholeNumber("max-retries", flags.maxRetries, 0),
    seed: wholeNumber("seed", flags.seed, 0),
  };
}

/** The model's price: --price, else the built-in table (undefined when unknown). */
export function resolvePrice(flags: ServerFlags): ModelPrice | undefined {
  if (flags.price === undefined) return priceFor(flags.model);
  const price = parsePrice(flags.price);
  if (price === undefined)
    throw new PrefDissectError("bad-flag", `--price must be "INPUT,OUTPUT" in USD per 1M tokens, e.g. 2.5,10; got "${flags.price}"`, { field: "--price" });
  return price;
}

/** The server URL (checked, never with credentials) and the key, from the flags or the environment. */
export function resolveServer(flags: ServerFlags): { baseURL: string; apiKey: string } {
  const baseURL = flags.baseUrl ?? process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL;
  checkServerUrl(baseURL, flags.baseUrl !== undefined ? "--base-url" : "OPENAI_BASE_URL");
  const apiKey = flags.apiKey ?? process.env.OPENAI_API_KEY;
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new PrefDissectError("no-api-key", "no API key: set OPENAI_API_KEY (or pass --api-key); local servers such as pd mock-server accept any value", {
      field: "OPENAI_API_KEY",
    });
  }
  return { baseURL, apiKey };
}

export const formatNumber = (value: number) => value.toLocaleString("en-US");
export const counted = (count: number, noun: string) => `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;
export const formatCost = (value: number) => `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;

/** Where a price came from, or how to give one. */
export function priceNote(model: string, price: ModelPrice | undefined, overridden: boolean): string {
  if (price === undefined) return `no price known for "${model}" (pass --price IN,OUT in USD per 1M tokens)`;
  return `${overridden ? "--price" : "list price"} $${price.input}/$${price.output} per 1M tokens in/out`;
}
