/**
 * The handoff's wording (`dialogs/handoffWording.json`): the phrases that ask for a person or cancel the
 * wait, what the patient is told at each step, the offers of a person, and the reasons staff see.
 * Validated with zod at startup; an error names the file and the field.
 */
import path from 'node:path';
import { z } from 'zod';
import { readWordingFile } from '../core/content/readContentFile';
import { compilePatterns, patternSchema } from '../core/content/patternSchema';

/** Why a handoff was asked for (shown to staff, sent in the handoff context). */
export const handoffReasons = ['patient-request', 'no-answers', 'emergency', 'screening'] as const;

/** One handoff reason. */
export type HandoffReason = (typeof handoffReasons)[number];

const text = z.string().trim().min(1).max(1000);

/** Schema of `dialogs/handoffWording.json`. */
export const handoffWordingSchema = z.object({
  $comment: z.string().optional(),
  triggers: z.array(patternSchema).min(1),
  cancelTriggers: z.array(patternSchema).min(1),
  replies: z.object({
    started: text,
    alreadyWaiting: text,
    agentJoined: text.refine((value) => value.includes('{agentName}'), { message: 'must contain {agentName}' }),
    handedBack: text,
    closed: text,
    cancelled: text,
    failed: text,
    /** The heading above what a staff member sends the patient: their name and role ("Alex (clinic staff)"). */
    agentPrefix: text.refine((value) => value.includes('{agentName}'), { message: 'must contain {agentName}' }),
  }),
  offers: z.object({ noAnswers: text, emergency: text }),
  reasons: z.object(Object.fromEntries(handoffReasons.map((reason) => [reason, text])) as Record<HandoffReason, typeof text>),
  /** The queue's reason for a conversation with an emergency; `{symptom}` is the red-flag rule's label. */
  emergencyReason: text.refine((value) => value.includes('{symptom}'), { message: 'must contain {symptom}' }),
});

/** The handoff's wording as stored. */
export type HandoffWording = z.infer<typeof handoffWordingSchema>;

/** The wording file's name inside the dialogs folder. */
export const handoffWordingFileName = 'handoffWording.json';

/** Reads and validates the wording; throws an error naming the file and each invalid field. */
export function loadHandoffWording(dialogsDir: string): HandoffWording {
  const file = path.join(dialogsDir, handoffWordingFileName);
  return readWordingFile('handoffWording', file, handoffWordingSchema);
}

/** Compiled phrase matchers of the wording. */
export interface HandoffPhrases {
  /** Whether the message asks for a person. */
  asksForPerson(message: string): boolean;
  /** Whether the message asks to stop waiting and go back to the assistant. */
  cancelsWait(message: string): boolean;
}

/** Compiles the wording's triggers. Messages are compared in lower case with straight apostrophes. */
export function compileHandoffPhrases(wording: HandoffWording): HandoffPhrases {
  const triggers = compilePatterns(wording.triggers);
  const cancels = compilePatterns(wording.cancelTriggers);
  const normalize = (message: string): string => message.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  const matchesAny = (patterns: readonly RegExp[], message: string): boolean => {
    const normalized = normalize(message);
    return patterns.some((pattern) => pattern.test(normalized));
  };
  return {
    asksForPerson: (message) => matchesAny(triggers, message),
    cancelsWait: (message) => matchesAny(cancels, message),
  };
}

/** Fills `{agentName}`, `{clinicName}`, `{clinicPhone}` in a wording text. */
export function fillHandoffText(template: string, values: { agentName?: string; clinicName: string; clinicPhone: string }): string {
  return template
    .replace(/\{agentName\}/g, values.agentName ?? '')
    .replace(/\{clinicName\}/g, values.clinicName)
    .replace(/\{clinicPhone\}/g, values.clinicPhone);
}
