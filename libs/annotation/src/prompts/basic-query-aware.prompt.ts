// Prompt data file: "basic-query-aware", version 1. Edit the wording here and bump `version`
// (it is part of every cache key, so answers to old and new wording are never mixed).
// Kept as a TypeScript module holding plain data so it loads the same way in Node and browsers.
export const basicQueryAwarePrompt = {
  "id": "basic-query-aware",
  "version": 1,
  "purpose": "Rate both responses on the two basic properties that need the query: relevance and novelty.",
  "output": "json",
  "maxTokens": 512,
  "system": [
    "You rate how strongly responses from chat assistants show given characteristics with respect to the request they answer.",
    "Reply with a single JSON object and nothing else.",
  ],
  "user": [
    "A user sent the request between the <query> tags; two assistants replied with the texts between the <response_a> and <response_b> tags.",
    "",
    "<query>",
    "{{query}}",
    "</query>",
    "",
    "<response_a>",
    "{{response_a}}",
    "</response_a>",
    "",
    "<response_b>",
    "{{response_b}}",
    "</response_b>",
    "",
    "Give each response an integer from 0 to 3 for each characteristic:",
    "",
    "{{properties}}",
    "",
    "Return exactly this shape:",
    '{"response_a": {{{keys}}}, "response_b": {{{keys}}}}',
  ],
  "properties": [
    {
      "key": "relevant",
      "property": 17,
      "definition":
        "How much of the content addresses the request, ignoring whether it is correct: 3 = everything is on topic, 2 = mostly on topic, 1 = mostly off topic, 0 = nothing addresses the request.",
    },
    {
      "key": "novel",
      "property": 18,
      "definition":
        "Brings a fresh angle, original ideas or an unexpected approach rather than the most obvious stock answer: 0 = entirely conventional, 3 = strikingly original.",
    },
  ],
};
