/**
 * Word counts for the *lengthy* property. The paper counted words with NLTK's tokenizer, which
 * splits off punctuation and contractions; inputs that carry the upstream counts (`response_a word`
 * in the authors' raw files, `num_words` in the Hugging Face rows) use those, and everything else
 * falls back to this approximation of the same tokenisation.
 */
const TOKEN = /\w+(?=n't\b)|n't\b|'\w+|\w+(?:-\w+)*|[^\w\s]/g;

/** Approximate NLTK-style token count of `text` (punctuation marks count as words). */
export function approximateWordCount(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}
