/**
 * What a message means to the screening besides an answer: a command (cancel, help, why, back, start
 * over), a free-form question for the documents, or a request to start the screening. The patterns are
 * content (`dialogs/screening.json`).
 */
import { matchesAny } from './loadScreening';
import type { Screening } from './screeningTypes';

/** The commands understood at any question. */
export const screeningCommands = ['cancel', 'help', 'why', 'back', 'startOver'] as const;

/** One command. */
export type ScreeningCommand = (typeof screeningCommands)[number];

/** The command a message gives, if any. */
export function recognizeCommand(screening: Screening, text: string): ScreeningCommand | undefined {
  return screeningCommands.find((command) => matchesAny(screening.commands[command], text));
}

/** Whether a message asks to start the screening ("am I a candidate?", "can I have kyphoplasty"). */
export function isScreeningTrigger(screening: Screening, text: string): boolean {
  return matchesAny(screening.triggers, text);
}

/** Whether a message that is not an answer looks like a question to answer from the documents. */
export function looksLikeQuestion(screening: Screening, text: string): boolean {
  return matchesAny(screening.freeFormQuestion, text);
}
