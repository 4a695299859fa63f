export { PrefDissectError, isPrefDissectError, describePlace, type ErrorPlace } from "./errors.js";
export { createRandomStream, randomPermutation, type RandomStream } from "./random.js";
