/**
 * Turns an answer engine result into a Bot Framework message activity following the reply contract
 * (DESIGN.md §3): Markdown text, the citation entity, `channelData`, and suggested actions.
 */
import { ActivityTypes, TextFormatTypes, type Activity, type CardAction } from 'botbuilder';
import { answerLeadIn, formatAnswerMarkdown } from '../../core/answer/formatAnswerMarkdown';
import type { AnswerResult } from '../../core/answer/answerTypes';
import type { Replies } from '../../core/content/dialogSchemas';
import { botActionIds } from '../botActions';
import type { BotWording } from '../botWording';
import { buildCitationEntity } from './citationEntity';
import { withReplyContent, type ReplyContent } from './replyContent';
import { toQuoteRefs, type ReplyChannelData } from './replyOutcome';
import {
  botAction,
  feedbackActions,
  mainActions,
  pickQuestions,
  questionActions,
  toSuggestedActions,
} from './suggestedActions';

/** Options of {@link renderAnswerActivity}. */
export interface RenderAnswerOptions {
  /** The bot's wording (action titles). */
  wording: BotWording;
  /** The answer wording (lead-ins, no-answer texts), `engine.replies`. */
  replies: Replies;
  /** Questions to suggest when the result has no related questions (e.g. `engine.suggestedQuestions()`). */
  fallbackQuestions: readonly string[];
  /** Most question suggestions on a no-answer reply. Default: 3. */
  maxSuggestedQuestions?: number;
  /** Most related questions next to the feedback actions of an answer. Default: 2. */
  maxRelatedQuestionsOnAnswer?: number;
}

/** Defaults of {@link RenderAnswerOptions}. */
export const defaultRenderAnswerOptions = { maxSuggestedQuestions: 3, maxRelatedQuestionsOnAnswer: 2 };

/** What an answer is rendered from: the lead-in, then each quote with its marker. */
function answerContent(result: AnswerResult, replies: Replies): ReplyContent {
  return {
    parts: [{ kind: 'lead-in', markdown: answerLeadIn(result, replies) }, ...result.quotes.map((_quote, index) => ({ kind: 'quote' as const, marker: index + 1 }))],
    quotes: result.quotes,
  };
}

/** Builds the reply activity for one engine result; an answer carries its {@link ReplyContent}. */
export function renderAnswerActivity(result: AnswerResult, options: RenderAnswerOptions): Partial<Activity> {
  const limit = options.maxSuggestedQuestions ?? defaultRenderAnswerOptions.maxSuggestedQuestions;
  const relatedLimit = options.maxRelatedQuestionsOnAnswer ?? defaultRenderAnswerOptions.maxRelatedQuestionsOnAnswer;
  const quotes = result.outcome === 'answer' ? result.quotes : [];
  const quoteRefs = toQuoteRefs(quotes);
  const channelData: ReplyChannelData = { outcome: result.outcome, quotes: quoteRefs };
  let actions: CardAction[] = [];

  switch (result.outcome) {
    case 'answer':
      if (result.disagreement) channelData.disagreementId = result.disagreement.id;
      actions = [
        ...questionActions(pickQuestions(result.relatedQuestions, relatedLimit)),
        ...feedbackActions(options.wording, 'answer', quoteRefs),
      ];
      break;
    case 'no-answer': {
      channelData.noAnswerReason = result.noAnswerReason;
      const related = result.relatedQuestions.length > 0 ? result.relatedQuestions : options.fallbackQuestions;
      actions = [...questionActions(pickQuestions(related, limit)), botAction(botActionIds.talkToPerson, options.wording)];
      break;
    }
    case 'emergency':
      // Stands alone: only the instruction, nothing that could distract from it.
      channelData.emergencyRuleId = result.emergency?.ruleId;
      break;
    case 'smalltalk':
      channelData.smalltalkIntent = result.smalltalk?.intent;
      if (result.smalltalk && options.wording.mainActionsAfterSmalltalk.includes(result.smalltalk.intent)) {
        actions = mainActions(options.wording);
      }
      break;
  }

  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    textFormat: TextFormatTypes.Markdown,
    // Related questions are suggested actions here, so the text does not list them.
    text: formatAnswerMarkdown(result, options.replies, { listRelatedQuestions: false }),
    ...(quotes.length > 0 ? { entities: [buildCitationEntity(quotes, options.replies.reviewedLabel)] } : {}),
    channelData,
    ...(actions.length > 0 ? { suggestedActions: toSuggestedActions(actions) } : {}),
  };
  return quotes.length > 0 ? withReplyContent(activity, answerContent({ ...result, quotes }, options.replies)) : activity;
}
