export { evaluateClaims, formatClaimsTable, ACCURACY_TOLERANCE, type Claim, type ClaimStatus, type RefitEvidence } from "./claims.js";
export { renderReport, type ReportFigure, type ReportInput } from "./markdown.js";
