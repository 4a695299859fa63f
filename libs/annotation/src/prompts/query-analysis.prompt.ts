// Prompt data file: "query-analysis", version 1. Edit the wording here and bump `version`
// (it is part of every cache key, so answers to old and new wording are never mixed).
// Kept as a TypeScript module holding plain data so it loads the same way in Node and browsers.
export const queryAnalysisPrompt = {
  "id": "query-analysis",
  "version": 1,
  "purpose":
    "Describe the user's query: is its goal clear, does it voice emotions, and which explicit constraints, personal stances and mistaken premises does it contain. These decide which query-specific properties are rated.",
  "output": "json",
  "maxTokens": 1024,
  "system": ["You analyse requests that users send to a chat assistant. You do not answer them.", "Reply with a single JSON object and nothing else."],
  "user": [
    "Read the user query between the <query> tags and answer five questions about it.",
    "",
    "<query>",
    "{{query}}",
    "</query>",
    "",
    '1. clear_intent: can a competent assistant tell what the user wants without guessing? Answer "yes" or "no". Short or vague requests whose goal could reasonably be read in several ways get "no".',
    '2. expresses_feelings: does the user openly state an emotion or mood of their own (for example worry, joy, frustration, loneliness)? Answer "yes" or "no". Emotions that only appear inside a story or task the user asks for do not count.',
    "3. explicit_constraints: every requirement the user spells out about the answer itself, such as words to use or avoid, length, tone or style, output format, number of items, or features each item must have. Write each as a short phrase. Use [] if there are none.",
    "4. subjective_stances: every opinion, preference or belief the user states as their own view (not facts they ask about). Write each as a short phrase. Use [] if there are none.",
    "5. mistakes_or_biases: every factual error, false premise, faulty reasoning or one-sided bias the query itself contains. Write each as a short phrase. Use [] if there are none.",
    "",
    "Return exactly this shape:",
    '{"clear_intent": "yes" | "no", "expresses_feelings": "yes" | "no", "explicit_constraints": [string], "subjective_stances": [string], "mistakes_or_biases": [string]}',
  ],
};
