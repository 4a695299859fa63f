/**
 * What the paper reports for its manipulation runs (§4.3). They need the paper's own generation,
 * training and judging runs, so nothing here reproduces them: every display of these numbers
 * carries `PAPER_SHIFTS_LABEL`.
 */
export const PAPER_SHIFTS_LABEL = "reported by the paper, not reproduced here";

export interface ReportedShift {
  readonly benchmark: string;
  readonly setting: string;
  readonly value: number;
  readonly unit: string;
}

export const PAPER_REPORTED_SHIFTS: readonly ReportedShift[] = [
  { benchmark: "MT-Bench (turn 1, 1–10)", setting: "largest change, aligned or reversed", value: 0.59, unit: "points" },
  { benchmark: "AlpacaEval 2.0", setting: "win rate before", value: 50.0, unit: "%" },
  { benchmark: "AlpacaEval 2.0", setting: "win rate, aligned with the judge", value: 81.94, unit: "%" },
  { benchmark: "AlpacaEval 2.0", setting: "win rate, reversed", value: 22.08, unit: "%" },
  { benchmark: "AlpacaEval 2.0", setting: "largest change", value: 31.94, unit: "points" },
];

/** Judge-labelled DPO pairs the paper trained on, per judge id. */
export const PAPER_DPO_PAIRS: Readonly<Record<string, number>> = { "gpt-3.5-turbo-1106": 4022, "gpt-4-1106-preview": 3991 };
