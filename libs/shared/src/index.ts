export { PrefDissectError, isPrefDissectError, describePlace, ERROR_CODES, type ErrorCode, type ErrorPlace } from "./errors.js";
export { checkSchema, describeZodIssue, issuePath } from "./schema-issues.js";
export { redactUrl } from "./urls.js";
export { sigmoid, median } from "./math.js";
export { createRandomStream, randomPermutation, type RandomStream } from "./random.js";
export {
  checkJson,
  parseJsonDocument,
  parseJsonLines,
  jsonDocumentFormat,
  jsonLinesFormat,
  formatTag,
  type JsonFormat,
  type JsonLine,
  type JsonSource,
} from "./json-format.js";
