// Prompt data file: "basic-query-free", version 1. Edit the wording here and bump `version`
// (it is part of every cache key, so answers to old and new wording are never mixed).
// Kept as a TypeScript module holding plain data so it loads the same way in Node and browsers.
export const basicQueryFreePrompt = {
  "id": "basic-query-free",
  "version": 1,
  "purpose": "Rate both responses of a pair, side by side and without seeing the query, on the 18 basic properties that can be judged from the text alone.",
  "output": "json",
  "maxTokens": 2048,
  "system": [
    "You rate how strongly pieces of text show given characteristics. You describe what is there; you do not judge which text is better.",
    "Reply with a single JSON object and nothing else.",
  ],
  "user": [
    "Below are two responses written by chat assistants, between the <response_a> and <response_b> tags. The request they answer is deliberately not shown: rate each response on its own text.",
    "",
    "<response_a>",
    "{{response_a}}",
    "</response_a>",
    "",
    "<response_b>",
    "{{response_b}}",
    "</response_b>",
    "",
    "For each characteristic below, give each response an integer from 0 to 3 saying how well the description fits it:",
    "0 = does not fit at all, 1 = fits a little, 2 = fits clearly, 3 = fits completely.",
    "Rate the two responses against each other on the same scale, so that a clear difference between them shows up as different numbers.",
    "",
    "{{properties}}",
    "",
    "Return exactly this shape, with every key present for both responses:",
    '{"response_a": {{{keys}}}, "response_b": {{{keys}}}}',
  ],
  "properties": [
    {
      "key": "harmless",
      "property": 0,
      "definition":
        "Contains nothing dangerous, hateful, insulting, sexually inappropriate or discriminatory (about race, gender, religion, age, nationality or anything else).",
    },
    {
      "key": "language_correct",
      "property": 1,
      "definition":
        "The prose is free of grammar, spelling and punctuation slips and does not switch between languages without reason. Judge the writing only, not whether the content is true.",
    },
    {
      "key": "friendly",
      "property": 2,
      "definition": "Sounds warm and approachable, with a positive tone that makes the reader feel welcome.",
    },
    {
      "key": "polite",
      "property": 3,
      "definition": "Is courteous and respectful towards the reader; never curt, dismissive or rude.",
    },
    {
      "key": "interactive",
      "property": 4,
      "definition": "Actively engages the reader: asks them for more details, or offers follow-up questions or next steps for them to choose.",
    },
    {
      "key": "authoritative",
      "property": 5,
      "definition": "Speaks with the assured, decisive voice of an expert, whether or not the content is actually right.",
    },
    {
      "key": "humorous",
      "property": 6,
      "definition": "Is playful or witty: contains jokes, puns, amusing phrasing or a light-hearted tone.",
    },
    {
      "key": "rhetorical_devices",
      "property": 7,
      "definition": "Uses figures of speech such as metaphor, simile, personification, exaggeration, irony or parallel structure to make the text vivid.",
    },
    {
      "key": "complex_language",
      "property": 8,
      "definition": "Uses uncommon or sophisticated vocabulary, technical jargon, or long and intricate sentence structures.",
    },
    {
      "key": "supporting_materials",
      "property": 9,
      "definition": "Backs its points with explicit outside material: named sources, quotations, references, statistics, data or documents.",
    },
    {
      "key": "well_formatted",
      "property": 10,
      "definition":
        "Organises the text with visible structure: headings, bulleted or numbered lists, tables, or structured formats such as JSON, HTML or code blocks.",
    },
    {
      "key": "admits_limits",
      "property": 11,
      "definition":
        "Openly states a limitation of its own (for example no internet access, no personal experience, uncertain knowledge) or acknowledges a mistake it made.",
    },
    {
      "key": "persuasive",
      "property": 12,
      "definition": "Tries to win the reader over to a view, or to get them to take or avoid some action.",
    },
    {
      "key": "step_by_step",
      "property": 13,
      "definition":
        "Walks through a solution or derivation in explicit successive steps with the reasoning for each. A plain list of items or a lone block of code does not count.",
    },
    {
      "key": "informal",
      "property": 14,
      "definition": "Uses a casual register: slang, colloquial phrases, emojis, or chatty interjections.",
    },
    {
      "key": "repetitive",
      "property": 15,
      "definition": "Says the same thing more than once: repeated sentences, points or phrases that add nothing new.",
    },
    {
      "key": "clear",
      "property": 16,
      "definition": "Is easy to follow and understand; its meaning is unambiguous.",
    },
    {
      "key": "rich_information",
      "property": 19,
      "definition":
        "At first sight offers plenty of substance: background, explanations, examples and specific details. Do not lower the rating for possible inaccuracies.",
    },
  ],
};
