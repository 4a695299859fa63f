/**
 * `pd mock-server`: the loopback OpenAI-compatible server the annotation and judge tests use,
 * started by hand so anyone can try `pd annotate` and `pd judge collect` without a key. With
 * `--judge` it also answers the comparison prompt as a scripted judge that follows that judge's
 * weights through the features of the pairs it is shown.
 */
import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { parseFaultList, startMockServer, type MockResponder } from "@prefdissect/annotation/node";
import { loadPairDataset, loadWeights } from "@prefdissect/data/node";
import { scriptedJudge } from "@prefdissect/judges/node";
import { positiveNumber, wholeNumber } from "../flags.js";

interface MockServerFlags {
  port: string;
  latency: string;
  faults?: string;
  apiKey?: string;
  jsonMode: boolean;
  judge?: string;
  judgeWeights: string;
  judgeData?: string;
  certainty: string;
  positionBias: string;
}

/** The scripted judge the flags ask for, or undefined without --judge. */
async function judgeResponder(flags: MockServerFlags): Promise<MockResponder | undefined> {
  if (flags.judge === undefined) {
    if (flags.judgeData !== undefined) throw new PrefDissectError("bad-flag", "--judge-data needs --judge <id>: the judge to imitate", { field: "--judge" });
    return undefined;
  }
  if (flags.judgeData === undefined) {
    throw new PrefDissectError("bad-flag", "--judge needs --judge-data <file>: the annotated pairs whose features the scripted judge reads", {
      field: "--judge-data",
    });
  }
  const certainty = positiveNumber("certainty", flags.certainty, true);
  const positionBias = Number(flags.positionBias);
  if (flags.positionBias.trim() === "" || !Number.isFinite(positionBias)) {
    throw new PrefDissectError("bad-flag", `--position-bias must be a number, got "${flags.positionBias}"`, { field: "--position-bias" });
  }
  const weights =
    flags.judgeWeights === "released" ? await loadWeights({ source: "released" }) : await loadWeights({ source: "refit", dir: flags.judgeWeights });
  const dataset = await loadPairDataset({ data: flags.judgeData });
  return scriptedJudge({ dataset, weights, judge: flags.judge, certainty, positionBias });
}

export function register(program: Command): void {
  program
    .command("mock-server")
    .description(
      "Start a local OpenAI-compatible server (127.0.0.1 only): chat completions and completions, with log-probabilities on request. It answers the annotation prompts deterministically and, with --judge, the judge comparison prompt as a scripted judge; faults can be injected. Runs until interrupted (Ctrl-C).",
    )
    .option("--port <n>", "port to listen on (0 = any free port)", "8787")
    .option("--latency <ms>", "delay before every answer", "0")
    .option(
      "--faults <list>",
      "faults for the first requests, in order: 429, 429:<retry-after s>, 500, 503, hang, drop, truncated-body, malformed-answer, repairable-answer, truncated-answer, reject-json-mode, no-logprobs, topk-without-choices",
    )
    .option("--api-key <key>", "require this bearer key (default: accept any)")
    .option("--no-json-mode", "reject response_format like servers without JSON output mode")
    .option(
      "--judge <id>",
      "answer the judge comparison prompt like this judge: P(first shown preferred) = sigmoid(certainty · w · φ + position bias), w its weights for the pair's scenario",
    )
    .option(
      "--judge-weights <source>",
      "where the judge's weights come from: 'released' or a folder in the released layout (a refit's or pd judge add's weights/)",
      "released",
    )
    .option(
      "--judge-data <file>",
      "the annotated pairs (Parquet in the HF layout, pairs JSONL/CSV) whose features the scripted judge reads; the pairs collected must come from it",
    )
    .option("--certainty <c>", "scales the judge's logits: 0 = a coin, 1 = its regression, larger = more certain (the preference stays)", "1")
    .option("--position-bias <b>", "added to the logit of the response shown first", "0")
    .addHelpText(
      "after",
      `
Examples:
  pd mock-server --port 8787 --faults 429:1,500,drop
  OPENAI_API_KEY=none pd annotate --in artifact:sample-unannotated --out runs/mock --model mock --base-url http://127.0.0.1:8787/v1
  pd synth --weights released --seed 0 --pairs 600 --out runs/synth.parquet
  pd mock-server --judge gpt-4-1106-preview --judge-data runs/synth.parquet --certainty 2
  OPENAI_API_KEY=none pd judge collect --data runs/synth.parquet --model mock --base-url http://127.0.0.1:8787/v1 --out runs/judge`,
    )
    .action(async (flags: MockServerFlags) => {
      const port = wholeNumber("port", flags.port, 0, 65535);
      const latencyMs = positiveNumber("latency", flags.latency, true);
      const faults = flags.faults === undefined ? [] : parseFaultList(flags.faults);
      if (typeof faults === "string") {
        throw new PrefDissectError("bad-flag", `--faults: unknown fault "${faults}"`, { field: "--faults" });
      }
      const responder = await judgeResponder(flags);
      let server;
      try {
        server = await startMockServer({
          port,
          latencyMs,
          faults,
          rejectJsonMode: !flags.jsonMode,
          ...(responder !== undefined ? { responder } : {}),
          ...(flags.apiKey !== undefined ? { apiKey: flags.apiKey } : {}),
        });
      } catch (error) {
        throw new PrefDissectError("mock-server", `cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      const scripted =
        flags.judge === undefined
          ? ""
          : `, answering the judge comparison prompt as ${flags.judge} (certainty ${flags.certainty}, position bias ${flags.positionBias})`;
      process.stdout.write(`mock server listening on ${server.url}${scripted} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      process.stdout.write(`mock server stopped after ${server.requests.length} requests\n`);
    });
}
