/**
 * The screening's part of the conversation state (botbuilder ConversationState, saved with the rest of
 * the conversation at the end of each turn): the progress of a running screening and the last completed
 * one as a FHIR R4 QuestionnaireResponse for staff handoff. Plain JSON, validated when read back, so
 * state written by another version or a damaged record never breaks a turn.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { FhirQuestionnaireResponse } from '../../core/screening/questionnaireResponse';
import { screeningProgressSchema, type ScreeningProgress } from '../../core/screening/screeningProgress';
import { screeningOutcomes } from '../../core/screening/screeningTypes';

/** The state property's name. */
export const screeningStateProperty = 'spineAssistant.screening';

const questionnaireResponseSchema = z.custom<FhirQuestionnaireResponse>(
  (value) => typeof value === 'object' && value !== null && 'resourceType' in value && value.resourceType === 'QuestionnaireResponse',
  { message: 'not a QuestionnaireResponse' },
);

/** A completed screening, kept for staff handoff. */
export const completedScreeningSchema = z.object({
  outcome: z.enum(screeningOutcomes),
  /** When it was completed (ISO 8601). */
  completedAt: z.string(),
  questionnaireResponse: questionnaireResponseSchema,
});

/** A completed screening. */
export type CompletedScreening = z.infer<typeof completedScreeningSchema>;

const screeningStateSchema = z.object({
  progress: screeningProgressSchema.optional(),
  completed: completedScreeningSchema.optional(),
});

/** The screening's state in one conversation. */
export type ScreeningState = z.infer<typeof screeningStateSchema>;

/** Reads and writes the screening's state; changes are saved with the conversation state. */
export class ScreeningStateStore {
  private readonly accessor: StatePropertyAccessor<unknown>;

  constructor(conversationState: ConversationState) {
    this.accessor = conversationState.createProperty<unknown>(screeningStateProperty);
  }

  /** The state, or an empty one when none is stored or the stored one does not validate. */
  async get(context: TurnContext): Promise<ScreeningState> {
    const parsed = screeningStateSchema.safeParse(await this.accessor.get(context, {}));
    return parsed.success ? parsed.data : {};
  }

  /** The running screening's progress, if any. */
  async progress(context: TurnContext): Promise<ScreeningProgress | undefined> {
    return (await this.get(context)).progress;
  }

  /** Replaces the running screening's progress (undefined: none is running). */
  async setProgress(context: TurnContext, progress: ScreeningProgress | undefined): Promise<void> {
    const { completed } = await this.get(context);
    await this.accessor.set(context, { ...(completed ? { completed } : {}), ...(progress ? { progress } : {}) });
  }

  /** Ends the running screening and keeps the completed one. */
  async complete(context: TurnContext, completed: CompletedScreening): Promise<void> {
    await this.accessor.set(context, { completed });
  }

  /** The last completed screening of the conversation, for staff handoff. */
  async completed(context: TurnContext): Promise<CompletedScreening | undefined> {
    return (await this.get(context)).completed;
  }
}
