import { z } from 'zod';
import type { EvalSet } from './evalSetSchema';

/**
 * The shared set of real patients' wording (`test/eval/realQuestions.json`, a byte-identical copy of
 * `shared/eval/realQuestions.json`): public questions with the page they came from, questions the
 * documents do not answer, off-topic inputs, emergencies as worried people type them, and traps (scary
 * words that are not emergencies; `expect` says the right reply).
 */
export const realSetSchema = z.object({
  version: z.literal(1),
  cases: z
    .array(
      z.object({
        id: z.string().regex(/^r\d{3}$/),
        question: z.string().min(1),
        expect: z.enum(['answer', 'abstain', 'emergency']),
        from: z.enum(['real', 'real-unanswerable', 'synthetic-offtopic', 'synthetic-emergency']),
        trap: z.boolean(),
        /** A quote is right when it contains one of these texts (verbatim in the named document). */
        keys: z.array(z.object({ doc: z.string(), text: z.string().min(3) })),
      }),
    )
    .min(1),
});
export type RealSet = z.infer<typeof realSetSchema>;

const categoryOf = { real: 'unanswerable', 'real-unanswerable': 'unanswerable', 'synthetic-offtopic': 'off-topic', 'synthetic-emergency': 'trap' } as const;

/**
 * The real set in the shape of the team's evaluation set, all of it in the `dev` split (it is a
 * development sample; the hidden set of the same kinds is the held-out one). Traps are also listed
 * under `traps`, so that false alarms on them are counted on their own.
 */
export function realSetAsEvalSet(set: RealSet): EvalSet {
  const split = 'dev' as const;
  return {
    answerable: set.cases
      .filter((c) => c.expect === 'answer')
      .map((c) => ({ id: c.id, split, type: c.trap ? 'trap' : 'real', question: c.question, keyPhrases: c.keys.map((key) => key.text) })),
    abstain: set.cases.filter((c) => c.expect === 'abstain').map((c) => ({ id: c.id, split, category: categoryOf[c.from], question: c.question })),
    redFlags: set.cases.filter((c) => c.expect === 'emergency').map((c) => ({ id: c.id, split, question: c.question })),
    traps: set.cases.filter((c) => c.trap).map((c) => ({ id: c.id, split, question: c.question })),
  };
}
