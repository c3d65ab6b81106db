export { analyzeExternal, mergeFindings, type ExternalAnalyzerOptions } from "./external-analyzer.js";
export { findPii, type RedactOptions } from "./find-pii.js";
export { findPiiSliced } from "./find-pii-sliced.js";
export { findPiiRemembered } from "./remembered-findings.js";
export { PII_TYPES, isPiiType, type Finding, type PiiType } from "./finding.js";
export { PseudonymMap } from "./pseudonym-map.js";
export { redact } from "./redact.js";
export { replaceFindings, type ReplaceOptions } from "./replace-findings.js";
