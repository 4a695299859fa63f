// Prompt data file: "judge-comparison", version 1. Edit the wording here and bump `version`
// (it is part of every cache key, so answers to old and new wording are never mixed).
// Kept as a TypeScript module holding plain data so it loads the same way in Node and browsers.
//
// Both forms end where the model's next token is its verdict: the raw `completion` text stops
// after the word "Response", so a base model continues with " A" or " B"; the chat form asks for
// one letter, so a chat model's first token is "A" or "B".
export const comparisonPrompt = {
  "id": "judge-comparison",
  "version": 1,
  "purpose": "Ask a model which of two responses to the same query is better, so that its first generated token is the letter of the response it prefers.",
  "completion": [
    "Two AI assistants answered the same request from a user. Read the request and both answers, then say which answer serves the user better.",
    "",
    "## Request",
    "{{query}}",
    "",
    "## Response A",
    "{{response_a}}",
    "",
    "## Response B",
    "{{response_b}}",
    "",
    "## Verdict",
    "All things considered, the better answer is Response",
  ],
  "system": [
    "You compare two answers to the same user request and decide which one serves the user better.",
    "Reply with a single letter: A if the first answer is better, B if the second one is.",
  ],
  "user": [
    "Request:",
    "<request>",
    "{{query}}",
    "</request>",
    "",
    "Response A:",
    "<response_a>",
    "{{response_a}}",
    "</response_a>",
    "",
    "Response B:",
    "<response_b>",
    "{{response_b}}",
    "</response_b>",
    "",
    "Which response is better? Answer with the single letter A or B.",
  ],
};
