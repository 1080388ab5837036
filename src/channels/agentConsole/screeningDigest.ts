/**
 * A short, readable summary of a stored screening for the console's queue: the outcome and each
 * question with the patient's answer, read from the FHIR QuestionnaireResponse (validated with zod).
 */
import { z } from 'zod';

const valueSchema = z
  .object({
    valueBoolean: z.boolean().optional(),
    valueString: z.string().optional(),
    valueInteger: z.number().optional(),
    valueDecimal: z.number().optional(),
    valueDate: z.string().optional(),
    valueCoding: z.object({ display: z.string().optional(), code: z.string().optional() }).optional(),
  })
  .loose();
const responseSchema = z.object({
  item: z.array(z.object({ linkId: z.string(), text: z.string().optional(), answer: z.array(valueSchema).optional() }).loose()).default([]),
});

/** A screening as the console shows it. */
export interface ScreeningDigest {
  outcome: string;
  completedAt: string;
  answers: Array<{ question: string; answer: string }>;
}

/** Summarises a stored screening; answers it cannot read are left out. */
export function summarizeScreening(screening: { outcome: string; completedAt: string; questionnaireResponse: unknown }): ScreeningDigest {
  const parsed = responseSchema.safeParse(screening.questionnaireResponse);
  const items = parsed.success ? parsed.data.item : [];
  const answers = items.flatMap((item) => {
    const value = item.answer?.[0];
    if (!value) return [];
    const shown =
      value.valueBoolean !== undefined ? (value.valueBoolean ? 'yes' : 'no')
      : value.valueCoding ? (value.valueCoding.display ?? value.valueCoding.code ?? '')
      : String(value.valueString ?? value.valueInteger ?? value.valueDecimal ?? value.valueDate ?? '');
    return shown === '' ? [] : [{ question: item.text ?? item.linkId, answer: shown }];
  });
  return { outcome: screening.outcome, completedAt: screening.completedAt, answers };
}
