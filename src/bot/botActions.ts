/**
 * What a user can ask the bot to do besides asking a question: the welcome's three actions and
 * feedback on an answer. They arrive as a message-back `value` (suggested actions, Adaptive Card
 * `Action.Submit`) or as the action's title typed or sent by `imBack` (Teams).
 */
import { z } from 'zod';
import type { BotWording } from './botWording';
import { quoteRefSchema, replyOutcomes, type QuoteRef, type ReplyOutcome } from './replies/replyOutcome';

/** Ids of the welcome's actions, carried in `value.action`. */
export const botActionIds = {
  startScreening: 'start-screening',
  askQuestion: 'ask-question',
  talkToPerson: 'talk-to-person',
} as const;

/** One welcome action id. */
export type BotActionId = (typeof botActionIds)[keyof typeof botActionIds];

/** Feedback ratings, carried in `value.feedback`. */
export const feedbackRatings = ['helpful', 'not-helpful'] as const;

/** One feedback rating. */
export type FeedbackRating = (typeof feedbackRatings)[number];

/** `value` of a welcome action. */
export const botActionValueSchema = z.object({
  action: z.enum([botActionIds.startScreening, botActionIds.askQuestion, botActionIds.talkToPerson]),
});

/** `value` of a feedback action: the rating and the reply it rates. */
export const feedbackValueSchema = z.object({
  feedback: z.enum(feedbackRatings),
  outcome: z.enum(replyOutcomes).optional(),
  quotes: z.array(quoteRefSchema).max(20).optional(),
});

/** `value` of a feedback action. */
export type FeedbackValue = z.infer<typeof feedbackValueSchema>;

/**
 * `value` of a card button that stands for typed text (an answer button, a suggested question): an
 * Adaptive Card `Action.Submit` sends it without text, and the bot reads `reply` as if it was typed.
 * A screening answer button also names its question (`questionId`): cards stay clickable, and a
 * button of an earlier question must not answer the current one.
 */
export const replyValueSchema = z.object({ reply: z.string().trim().min(1).max(500), questionId: z.string().min(1).max(100).optional() });

/** `value` of a button that stands for typed text. */
export type ReplyValue = z.infer<typeof replyValueSchema>;

/**
 * The text a message stands for: its own text, or — when it has none — the `reply` of a card button's
 * value. Undefined when neither gives any.
 */
export function typedText(text: unknown, value: unknown): string | undefined {
  if (typeof text === 'string' && text.trim() !== '') return text;
  const reply = replyValueSchema.safeParse(value);
  return reply.success ? reply.data.reply : undefined;
}

/** What an incoming message asks for. */
export type RecognizedRequest =
  | { kind: 'action'; action: BotActionId }
  | { kind: 'feedback'; rating: FeedbackRating; outcome?: ReplyOutcome; quotes?: QuoteRef[] }
  | { kind: 'question'; text: string };

/**
 * Decides whether a message is an action, feedback, or a question. A `value` counts only when the text
 * is empty or the action's own title; any other text is a question, so the red-flag check always sees
 * free text.
 */
export function recognizeRequest(text: string, value: unknown, wording: BotWording): RecognizedRequest {
  const trimmed = text.trim();
  const titled = titleRequest(trimmed, wording);
  const action = botActionValueSchema.safeParse(value);
  if (action.success && (trimmed === '' || sameRequest(titled, { kind: 'action', action: action.data.action }))) {
    return { kind: 'action', action: action.data.action };
  }
  const feedback = feedbackValueSchema.safeParse(value);
  if (
    feedback.success &&
    (trimmed === '' || sameRequest(titled, { kind: 'feedback', rating: feedback.data.feedback }))
  ) {
    return { kind: 'feedback', rating: feedback.data.feedback, outcome: feedback.data.outcome, quotes: feedback.data.quotes };
  }
  return titled ?? { kind: 'question', text: trimmed };
}

/** The action titles of each wording, folded once (they are compared with every message). */
const foldedTitles = new WeakMap<BotWording, ReadonlyArray<[string, RecognizedRequest]>>();

function titleRequest(text: string, wording: BotWording): RecognizedRequest | undefined {
  const key = normalizeTitle(text);
  if (key === '') return undefined;
  let titles = foldedTitles.get(wording);
  if (!titles) {
    titles = [
      [normalizeTitle(wording.actions.startScreening), { kind: 'action', action: botActionIds.startScreening }],
      [normalizeTitle(wording.actions.askQuestion), { kind: 'action', action: botActionIds.askQuestion }],
      [normalizeTitle(wording.actions.talkToPerson), { kind: 'action', action: botActionIds.talkToPerson }],
      [normalizeTitle(wording.actions.helpful), { kind: 'feedback', rating: 'helpful' }],
      [normalizeTitle(wording.actions.notHelpful), { kind: 'feedback', rating: 'not-helpful' }],
    ];
    foldedTitles.set(wording, titles);
  }
  const found = titles.find(([title]) => title === key)?.[1];
  return found ? { ...found } : undefined;
}

function sameRequest(a: RecognizedRequest | undefined, b: RecognizedRequest): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'action' && b.kind === 'action') return a.action === b.action;
  if (a.kind === 'feedback' && b.kind === 'feedback') return a.rating === b.rating;
  return false;
}

/** Folds case, emoji and punctuation so "helpful" matches "👍 Helpful". */
function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
