/**
 * `pd mock-server`: the loopback OpenAI-compatible server the annotation tests use, started by
 * hand so anyone can try `pd annotate` without a key.
 */
import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { parseFaultList, startMockServer } from "@prefdissect/annotation/node";
import { positiveNumber, wholeNumber } from "../flags.js";

interface MockServerFlags {
  port: string;
  latency: string;
  faults?: string;
  apiKey?: string;
  jsonMode: boolean;
}

export function register(program: Command): void {
  program
    .command("mock-server")
    .description(
      "Start a local OpenAI-compatible server (127.0.0.1 only) that answers the annotation prompts deterministically, with optional injected faults. Runs until interrupted (Ctrl-C).",
    )
    .option("--port <n>", "port to listen on (0 = any free port)", "8787")
    .option("--latency <ms>", "delay before every answer", "0")
    .option("--faults <list>", "faults for the first requests, in order: 429, 429:<retry-after s>, 500, 503, hang, drop, truncated-body, malformed-answer, repairable-answer, truncated-answer, reject-json-mode")
    .option("--api-key <key>", "require this bearer key (default: accept any)")
    .option("--no-json-mode", "reject response_format like servers without JSON output mode")
    .addHelpText(
      "after",
      `
Example:
  pd mock-server --port 8787 --faults 429:1,500,drop
  OPENAI_API_KEY=none pd annotate --in artifact:sample-unannotated --out runs/mock --model mock --base-url http://127.0.0.1:8787/v1`,
    )
    .action(async (flags: MockServerFlags) => {
      const port = wholeNumber("port", flags.port, 0, 65535);
      const latencyMs = positiveNumber("latency", flags.latency, true);
      const faults = flags.faults === undefined ? [] : parseFaultList(flags.faults);
      if (typeof faults === "string") {
        throw new PrefDissectError("bad-flag", `--faults: unknown fault "${faults}"`, { field: "--faults" });
      }
      let server;
      try {
        server = await startMockServer({
          port,
          latencyMs,
          faults,
          rejectJsonMode: !flags.jsonMode,
          ...(flags.apiKey !== undefined ? { apiKey: flags.apiKey } : {}),
        });
      } catch (error) {
        throw new PrefDissectError("mock-server", `cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      process.stdout.write(`mock server listening on ${server.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      process.stdout.write(`mock server stopped after ${server.requests.length} chat requests\n`);
    });
}
