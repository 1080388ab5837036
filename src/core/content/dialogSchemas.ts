import { z } from 'zod';
import { patternSchema } from './patternSchema';

/** `dialogs/smalltalk.json`: social messages and the reply to each. */
export const smalltalkSchema = z.object({
  intents: z.array(z.object({ id: z.string().min(1), patterns: z.array(patternSchema).min(1), reply: z.string().min(1) })),
});
export type Smalltalk = z.infer<typeof smalltalkSchema>;

/** `dialogs/replies.json`: our own words around quoted answers. */
export const repliesSchema = z.object({
  answerLeadIn: z.string().min(1),
  answerLeadInByType: z.record(z.string(), z.string().min(1)),
  disagreementLeadIn: z.string().includes('{topic}', { message: 'must contain {topic}' }),
  noAnswer: z.object({
    'not-covered': z.string().min(1),
    'too-long': z.string().min(1),
    empty: z.string().min(1),
    instructions: z.string().min(1),
  }),
  relatedQuestionsLeadIn: z.string().min(1),
  sourceLabel: z.string().min(1),
  /** Before the date the clinic reviewed a quote's document, in its citation ("reviewed 2026-11-22"). */
  reviewedLabel: z.string().trim().min(1).max(30),
});
export type Replies = z.infer<typeof repliesSchema>;
