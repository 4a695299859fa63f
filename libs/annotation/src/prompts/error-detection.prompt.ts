// Prompt data file: "error-detection", version 1. Edit the wording here and bump `version`
// (it is part of every cache key, so answers to old and new wording are never mixed).
// Kept as a TypeScript module holding plain data so it loads the same way in Node and browsers.
export const errorDetectionPrompt = {
  "id": "error-detection",
  "version": 1,
  "purpose": "Find accuracy errors in both responses, with a type and a severity for each, helped by a reference answer written beforehand; or state that accuracy cannot be checked reliably.",
  "output": "json",
  "maxTokens": 4096,
  "system": [
    "You are a rigorous fact checker for answers written by chat assistants.",
    "Reply with a single JSON object and nothing else."
  ],
  "user": [
    "A user sent the request between the <query> tags; two assistants replied with the texts between the <response_a> and <response_b> tags. A reference answer, written independently and possibly imperfect, is given between the <reference> tags to help you.",
    "",
    "<query>",
    "{{query}}",
    "</query>",
    "",
    "<reference>",
    "{{reference}}",
    "</reference>",
    "",
    "<response_a>",
    "{{response_a}}",
    "</response_a>",
    "",
    "<response_b>",
    "{{response_b}}",
    "</response_b>",
    "",
    "For each response, first decide whether its accuracy can be checked reliably with your own knowledge and the reference. Answer \"not applicable\" when checking would need information you do not have (for example recent events, private data or browsing), or when the request is purely creative or a matter of opinion; otherwise answer \"applicable\".",
    "",
    "If applicable, list every accuracy error. Each error gets:",
    "- description: one short sentence saying what is wrong;",
    "- type: one of \"factual error\" (a false statement about the world), \"contradicts the query\" (conflicts with information the user gave), \"math error\" (a wrong calculation or derivation step), \"code error\" (code that would not compile, run or do what is claimed);",
    "- severity: \"minor\" (overall correctness hardly affected), \"moderate\" (overall correctness noticeably affected) or \"severe\" (the response is wrong as a whole).",
    "Grammar, spelling and style are not accuracy errors. If both responses make the same mistake, list it under both. Use an empty list when there are no errors or the check is not applicable.",
    "",
    "Return exactly this shape:",
    "{\"response_a\": {\"accuracy_check\": \"applicable\" | \"not applicable\", \"errors\": [{\"description\": string, \"type\": string, \"severity\": \"minor\" | \"moderate\" | \"severe\"}]}, \"response_b\": {same}}"
  ]
};
