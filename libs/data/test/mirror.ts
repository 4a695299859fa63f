import { existsSync } from "node:fs";
import { join } from "node:path";

/** The mirror of upstream files; vitest.shared.ts sets PD_MIRROR when ../shared/mirror sits beside the checkout. */
export const MIRROR = process.env.PD_MIRROR ?? "";
export const HAS_MIRROR = MIRROR !== "" && existsSync(join(MIRROR, "raw.githubusercontent.com"));
