/** Catching the PrefDissectError a call throws, so tests can check its message and place. */
import { PrefDissectError } from "@prefdissect/shared";

function asPrefDissectError(error: unknown): PrefDissectError {
  if (error instanceof PrefDissectError) return error;
  throw error;
}

/** Runs `action` and returns the PrefDissectError it throws (anything else is rethrown). */
export function failure(action: () => unknown): PrefDissectError {
  try {
    action();
  } catch (error) {
    return asPrefDissectError(error);
  }
  throw new Error("expected a PrefDissectError");
}

/** Awaits `action` and returns the PrefDissectError it rejects with (anything else is rethrown). */
export async function asyncFailure(action: () => Promise<unknown>): Promise<PrefDissectError> {
  try {
    await action();
  } catch (error) {
    return asPrefDissectError(error);
  }
  throw new Error("expected a PrefDissectError");
}
