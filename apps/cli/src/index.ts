export { main, buildProgram } from "./main.js";
export { createProgress, type Progress } from "./progress.js";
