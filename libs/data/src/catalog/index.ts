export * from "./properties.js";
export * from "./groups.js";
export * from "./judges.js";
export * from "./names.js";
