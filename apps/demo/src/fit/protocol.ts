/** Messages between the page and a fit worker. */
import type { JudgeFitJobResult } from "@prefdissect/refit";

export type FitReply = { readonly ok: true; readonly result: JudgeFitJobResult } | { readonly ok: false; readonly message: string };
