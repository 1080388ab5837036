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

/** Word lists with each stem as a number, for look-ups in typed arrays instead of maps. */
export interface StemNumbers {
  /** List i's stems, each as its number, in the list's order. */
  lists: readonly Int32Array[];
  /** Per stem number, the value `slotOf` has for its stem, 0 for a stem it lacks (its values must be > 0). */
  slots(slotOf: ReadonlyMap<string, number>): Int32Array;
}

/** Numbers the distinct stems of the lists. */
export function numberStems(lists: ReadonlyArray<readonly string[]>): StemNumbers {
  const numberOf = new Map<string, number>();
  const numbered = lists.map((stems) =>
    Int32Array.from(stems, (stem) => {
      let found = numberOf.get(stem);
      if (found === undefined) numberOf.set(stem, (found = numberOf.size));
      return found;
    }),
  );
  return {
    lists: numbered,
    slots(slotOf) {
      const slots = new Int32Array(numberOf.size);
      for (const [stem, slot] of slotOf) {
        const found = numberOf.get(stem);
        if (found !== undefined) slots[found] = slot;
      }
      return slots;
    },
  };
}
