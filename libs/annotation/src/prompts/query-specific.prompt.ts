// Prompt data file: "query-specific", version 1. Edit the wording here and bump `version`
// (it is part of every cache key, so answers to old and new wording are never mixed).
// Kept as a TypeScript module holding plain data so it loads the same way in Node and browsers.
export const querySpecificPrompt = {
  "id": "query-specific",
  "version": 1,
  "purpose":
    "Rate both responses on the query-specific properties that the query analysis switched on (unclear intent, expressed feelings, explicit constraints, subjective stances, mistakes or biases). Only the triggered sections are included.",
  "output": "json",
  "maxTokens": 2048,
  "system": ["You assess how chat assistants handle particular features of a user's request.", "Reply with a single JSON object and nothing else."],
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
    "Assess each response on the following points.",
    "",
    "{{sections}}",
    "",
    'Return one JSON object with the keys "response_a" and "response_b". Each holds an object with exactly the keys named above:',
    "{{shape}}",
  ],
  "sections": {
    "clarify_intent": [
      "clarify_intent: the request's goal is not clear. Rate from 0 to 3 how well the response copes with that: offering information that is useful under the likely readings, stating sensible assumptions, and asking the user what they mean.",
      "0 = ignores the ambiguity entirely, 3 = handles it very well.",
    ],
    "show_empathy": [
      "show_empathy: the user expresses feelings. Rate from 0 to 3 how well the response recognises those feelings and responds with understanding, care and support.",
      "0 = no recognition at all, 3 = warm and fitting acknowledgement.",
    ],
    "constraints": [
      "constraints: the request states these explicit constraints (JSON list, in order):",
      "<constraints>{{items}}</constraints>",
      "Give a list with one integer per constraint, in the same order: 0 = ignored, 1 = partly met, 2 = mostly met, 3 = fully met.",
    ],
    "stances": [
      "stances: the user states these views of their own (JSON list, in order):",
      "<stances>{{items}}</stances>",
      'Give a list with one label per stance, in the same order, saying how the response treats it, whether or not the view is right. Labels: "strongly supported", "weakly supported", "neutral", "weakly opposed", "strongly opposed".',
    ],
    "mistakes": [
      "mistakes: the request contains these mistakes or biases (JSON list, in order):",
      "<mistakes>{{items}}</mistakes>",
      'Give a list with one label per item, in the same order. Labels: "pointed out and corrected" (names the problem and fixes it), "corrected without being pointed out" (silently gives the right information), "pointed out but not corrected" (names it but leaves it standing), "neither pointed out nor corrected".',
    ],
  },
  "shapes": {
    "clarify_intent": '"clarify_intent": 0-3',
    "show_empathy": '"show_empathy": 0-3',
    "constraints": '"constraints": [0-3, one per constraint]',
    "stances": '"stances": [label, one per stance]',
    "mistakes": '"mistakes": [label, one per item]',
  },
};
