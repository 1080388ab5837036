/** Whether a text is a correct answer for an evaluation question: the rule shared by evaluation and training. */

const fold = (text: string): string => text.replace(/\s+/g, ' ').toLowerCase();

/** Whether the text contains one of the key phrases (case and runs of white space ignored). */
export function containsKeyPhrase(text: string, keyPhrases: readonly string[]): boolean {
  const folded = fold(text);
  return keyPhrases.some((phrase) => folded.includes(fold(phrase)));
}

/** Whether an answer's first quote, and any of its quotes, contains one of the key phrases. */
export function judgeQuotes(quotes: ReadonlyArray<{ text: string }>, keyPhrases: readonly string[]): { first: boolean; anywhere: boolean } {
  const correct = quotes.map((quote) => containsKeyPhrase(quote.text, keyPhrases));
  return { first: correct[0] === true, anywhere: correct.includes(true) };
}
