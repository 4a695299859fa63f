export { evaluateClaims, formatClaimsTable, type Claim, type ClaimStatus } from "./claims.js";
export { renderReport, type ReportFigure, type ReportInput } from "./markdown.js";
