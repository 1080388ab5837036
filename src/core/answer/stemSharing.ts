/**
 * Which of some word lists share a stem with a question: `sharing(stems)[i]` is 1 when list i holds one of
 * `stems`, else 0. Built once over the clinic's questions (each as its distinct stems), so that a question
 * scores only the clinic questions it shares a word with, not every clinic question of every passage found.
 */
export type StemSharing = (stems: readonly string[]) => Uint8Array;

/** Indexes the lists by stem. */
export function indexByStem(lists: ReadonlyArray<readonly string[]>): StemSharing {
  const listsOf = new Map<string, number[]>();
  lists.forEach((stems, i) => {
    for (const stem of stems) {
      const found = listsOf.get(stem);
      if (found) found.push(i);
      else listsOf.set(stem, [i]);
    }
  });
  return (stems) => {
    const shares = new Uint8Array(lists.length);
    for (const stem of stems) for (const i of listsOf.get(stem) ?? []) shares[i] = 1;
    return shares;
  };
}
