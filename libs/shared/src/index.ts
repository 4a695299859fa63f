export { PrefDissectError, isPrefDissectError, describePlace, ERROR_CODES, type ErrorCode, type ErrorPlace } from "./errors.js";
export { checkSchema, describeZodIssue, issuePath } from "./schema-issues.js";
export { redactUrl } from "./urls.js";
export { sigmoid, median } from "./math.js";
export { createRandomStream, randomPermutation, type RandomStream } from "./random.js";
