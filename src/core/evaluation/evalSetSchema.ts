import { z } from 'zod';

const splitSchema = z.enum(['dev', 'test']);

/** The team's evaluation set (`test/eval/evalSet.json`). */
export const evalSetSchema = z.object({
  answerable: z.array(
    z.object({
      id: z.string(),
      split: splitSchema,
      type: z.string(),
      question: z.string().min(1),
      /** A quote is correct when it contains one of these phrases, copied verbatim from a document. */
      keyPhrases: z.array(z.string().min(3)).min(1),
    }),
  ).default([]),
  abstain: z.array(
    z.object({
      id: z.string(),
      split: splitSchema,
      category: z.enum(['off-topic', 'adversarial', 'gibberish', 'unanswerable', 'trap']),
      question: z.string().min(1),
    }),
  ).default([]),
  redFlags: z.array(
    z.object({
      id: z.string(),
      split: splitSchema,
      question: z.string().min(1),
      /** The red-flag rule the message is about (`knowledge/redFlags.json`), for recall per rule. */
      rule: z.string().optional(),
      /** How it is typed (`plain`, `no-apostrophes`, `typos`, `text-speak`, `someone-else`, `long`, …). */
      style: z.string().optional(),
    }),
  ).default([]),
  /**
   * Messages that name a frightening symptom but are not emergencies ("can it cause chest pain?",
   * "my numbness went away years ago"): judged only on not raising the emergency instruction.
   */
  traps: z.array(z.object({ id: z.string(), split: splitSchema, question: z.string().min(1) })).default([]),
});
export type EvalSet = z.infer<typeof evalSetSchema>;
/** Which half of the set to run: `dev` (used to calibrate), `test` (held out) or `all`. */
export type EvalSplit = 'dev' | 'test' | 'all';
