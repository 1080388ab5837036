/**
 * One conversation's handoff as stored in the bot's storage: its status, why it was asked for, the
 * context staff need, the conversation reference for proactive messages, and the transcript of the
 * handoff (patient, agent and safety messages). Validated with zod whenever it is read back.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { handoffReasons } from './handoffWording';

/** Where a handoff stands. `ended` conversations are the bot's again. */
export const handoffStatuses = ['waiting', 'active', 'ended'] as const;

/** Why a handoff ended. */
export const handoffEndReasons = ['handed-back', 'closed', 'completed', 'cancelled', 'abandoned', 'failed'] as const;

/** One handoff end reason. */
export type HandoffEndReason = (typeof handoffEndReasons)[number];

const quoteRef = z.object({ documentId: z.string(), start: z.number().int(), end: z.number().int() });

/** One line of the handoff's transcript. */
export const transcriptEntrySchema = z.object({
  /** Who wrote it: the patient, a staff member, or the bot (safety instructions, notices). */
  from: z.enum(['patient', 'agent', 'bot']),
  text: z.string(),
  /** When, in ms since the epoch. */
  at: z.number(),
  /** Quotes the message showed. */
  quotes: z.array(quoteRef).optional(),
  /** For the bot's lines: what kind of reply it was (`emergency`, `handoff`). */
  outcome: z.string().optional(),
});

/** One line of the transcript. */
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** A question the patient asked the bot before the handoff, with what the bot showed. */
export const recentExchangeSchema = z.object({
  question: z.string(),
  outcome: z.string(),
  quotes: z.array(quoteRef),
});

/** A recent exchange with the bot. */
export type RecentExchange = z.infer<typeof recentExchangeSchema>;

const account = z.object({ id: z.string(), name: z.string().optional() });

/** The parts of a Bot Framework ConversationReference that proactive messages need. */
export const storedReferenceSchema = z.object({
  channelId: z.string(),
  serviceUrl: z.string(),
  conversation: account.extend({ isGroup: z.boolean().optional(), conversationType: z.string().optional(), tenantId: z.string().optional() }),
  bot: account,
  user: account.optional(),
  activityId: z.string().optional(),
  locale: z.string().optional(),
});

/** A stored conversation reference. */
export type StoredReference = z.infer<typeof storedReferenceSchema>;

/** A red-flag symptom the patient described: the rule's label (never their words) and when. */
export const handoffEmergencySchema = z.object({ label: z.string(), at: z.number() });

/** A red-flag symptom the patient described. */
export type HandoffEmergency = z.infer<typeof handoffEmergencySchema>;

/** The stored handoff of one conversation. */
export const handoffRecordSchema = z.object({
  /** Opaque id (a hash of channel and conversation id), used in the console's URLs. */
  id: z.string(),
  status: z.enum(handoffStatuses),
  reason: z.enum(handoffReasons),
  channelId: z.string(),
  /** When the handoff was asked for, and when the patient last wrote (ms since the epoch). */
  requestedAt: z.number(),
  lastPatientAt: z.number(),
  /** The staff member who took it (name as they logged in) and their session's hash. */
  agent: z.object({ name: z.string(), session: z.string(), takenAt: z.number() }).optional(),
  endedAt: z.number().optional(),
  endReason: z.enum(handoffEndReasons).optional(),
  /** The Bot Framework ConversationReference, for proactive messages. */
  reference: storedReferenceSchema,
  /** The latest red-flag symptom the patient described before or during the handoff: such a conversation goes first in the queue. */
  emergency: handoffEmergencySchema.optional(),
  /** The last completed screening, when there is one. */
  screening: z.object({ outcome: z.string(), completedAt: z.string(), questionnaireResponse: z.unknown() }).optional(),
  /** The last questions asked before the handoff. */
  recent: z.array(recentExchangeSchema),
  transcript: z.array(transcriptEntrySchema),
});

/** The stored handoff of one conversation. */
export type HandoffRecord = z.infer<typeof handoffRecordSchema>;

/** The handoff id of a conversation: stable, not reversible to the conversation id. */
export function handoffIdFor(channelId: string, conversationId: string): string {
  return createHash('sha256').update(`handoff\n${channelId}\n${conversationId}`).digest('hex').slice(0, 32);
}

/** Whether the handoff still keeps the bot quiet. */
export function isOpen(record: HandoffRecord | undefined): boolean {
  return record !== undefined && record.status !== 'ended';
}
