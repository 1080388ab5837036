/**
 * Evaluation questions that a clinic-written question (`knowledge/passageQuestions.json`) nearly repeats.
 * The clinic's questions feed the ranking, so an evaluation question that one of them repeats almost word
 * for word is answered from a near-copy, not from the engine's grasp of new wording; the evaluation
 * reports its figures without such questions too.
 */

/** Word-set overlap (Jaccard) from which a clinic question counts as a near-copy. */
export const nearCopyOverlap = 0.75;

const wordSet = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/** Shared words over all words of the two (Jaccard index of their lower-cased word sets), in [0, 1]. */
export function wordOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const all = a.size + b.size - shared;
  return all === 0 ? 0 : shared / all;
}

/** Returns a test: whether a question is nearly repeated by one of `clinicQuestions`. */
export function nearCopyTest(clinicQuestions: readonly string[]): (question: string) => boolean {
  const sets = clinicQuestions.map(wordSet);
  return (question) => {
    const words = wordSet(question);
    return sets.some((set) => wordOverlap(words, set) >= nearCopyOverlap);
  };
}
