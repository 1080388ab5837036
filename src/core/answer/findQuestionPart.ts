/**
 * Finds the question in a long message: the sentences that ask something, apart from the story told
 * before them ("My father is 82 and fell last month. … What can we expect now?").
 */
export type QuestionPartFinder = (message: string) => string | undefined;

/** Sentence ends in a message as patients type them: ".", "?", "!", "…" or "..." followed by a space, or a line break. */
const SENTENCE_BREAK = /(?<=[.?!…])\s+|\.{2,}|\n+/u;

/**
 * Builds the finder from the patterns of a sentence that asks (`knowledge/questionTypes.json`,
 * `focus.asking`), tried on each sentence of the message lower-cased. Returns the asking sentences,
 * joined, when the message has other sentences too; otherwise undefined (the whole message is the
 * question).
 */
export function createQuestionPartFinder(asking: readonly RegExp[]): QuestionPartFinder {
  return (message) => {
    const sentences = message
      .split(SENTENCE_BREAK)
      .map((sentence) => sentence.trim())
      .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
    if (sentences.length < 2) return undefined;
    const asks = sentences.filter((sentence) => sentence.endsWith('?') || asking.some((pattern) => pattern.test(sentence.toLowerCase())));
    return asks.length > 0 && asks.length < sentences.length ? asks.join(' ') : undefined;
  };
}
