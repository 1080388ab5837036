/**
 * What the agent console's page shows staff (`dialogs/agentConsoleWording.json`): the page title and the
 * texts its script sets. Validated with zod at startup (errors name the file and the field); the page
 * gets the script's texts as a JSON data block and fills in their `{placeholders}` itself.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readContentFile } from '../../core/content/readContentFile';
import { defaultContentLocation } from '../../core/loadAnswerEngine';

const text = z.string().trim().min(1).max(300);

/** A text that must contain each of `placeholders` (the script fills them in). */
const textWith = (...placeholders: string[]) =>
  text.refine((value) => placeholders.every((name) => value.includes(`{${name}}`)), { message: `must contain ${placeholders.map((name) => `{${name}}`).join(' and ')}` });

/** Schema of `dialogs/agentConsoleWording.json`. */
export const agentConsoleWordingSchema = z.strictObject({
  $comment: z.string().optional(),
  /** The page title; `{clinicName}` is the clinic's name. */
  title: textWith('clinicName'),
  /** Texts of the page script, by the name the script uses. */
  script: z.strictObject({
    signedInAs: textWith('name'),
    signInRefused: text,
    tooManyAttempts: text,
    newEmergency: text,
    newConversation: text,
    emergencyBadge: text,
    waitingFor: textWith('time'),
    minutesSeconds: textWith('minutes', 'seconds'),
    seconds: textWith('seconds'),
    withYou: text,
    withAgent: textWith('agent'),
    candidateCheck: textWith('outcome'),
    asked: textWith('question', 'outcome'),
    take: text,
    open: text,
    takenByOther: text,
    cannotTake: textWith('error'),
    ended: text,
    chatting: text,
    notYours: text,
    fromPatient: text,
    fromStaff: text,
    fromAssistant: text,
    suggestedQuotes: text,
    sendQuote: text,
    notSent: textWith('error'),
  }),
});

/** The console wording as stored. */
export type AgentConsoleWording = z.infer<typeof agentConsoleWordingSchema>;

/** The file's name inside the dialogs folder. */
export const agentConsoleWordingFileName = 'agentConsoleWording.json';

/** Reads and validates the console wording; throws a ContentError naming the file and each problem. */
export function loadAgentConsoleWording(dialogsDir: string = defaultContentLocation.dialogsDir): AgentConsoleWording {
  return readContentFile(join(dialogsDir, agentConsoleWordingFileName), agentConsoleWordingSchema);
}

/** The script's texts as a JSON data block's content, safe inside `<script type="application/json">`. */
export function scriptWordingJson(wording: AgentConsoleWording): string {
  return JSON.stringify(wording.script).replace(/</g, '\\u003c');
}
