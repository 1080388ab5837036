/**
 * One botbuilder prompt per screening question, by answer type: ConfirmPrompt (yes/no), ChoicePrompt
 * (yes/no/not sure, choices), NumberPrompt, TextPrompt (dates, durations). The prompt sends the question
 * and waits; its validator accepts what the core's answer parser understands ("yeah", "3 weeks ago",
 * "not sure"), or what botbuilder's recognizer found where that is safe, and after `maxAttempts` tries it
 * lets the question be left open. The answer's meaning is worked out by {@link understandAnswer}.
 */
import {
  ChoicePrompt,
  ConfirmPrompt,
  ListStyle,
  type Dialog,
  NumberPrompt,
  TextPrompt,
  type Choice,
  type PromptOptions,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import { parseAnswer, type ParseAnswerOptions } from '../../core/screening/parseAnswer';
import { containsPhrase, normalizeAnswerText } from '../../core/screening/parseNumber';
import type { LoadedQuestion, Screening, ScreeningAnswer } from '../../core/screening/screeningTypes';
import { questionActivity, retryActivity } from './screeningReplies';

/** The dialog id of a question's prompt. */
export function questionPromptId(questionId: string): string {
  return `screeningQuestion.${questionId}`;
}

const foundChoiceSchema = z.object({ value: z.string() });

/**
 * The answer botbuilder's recognizer found, where it can be trusted: a choice option ("the first one")
 * or a number in range. Never for yes/no: its boolean recognizer reads "not sure" as yes and "no idea"
 * as no. Nothing when the message says "not sure" in any form.
 */
function recognizedAnswer(screening: Screening, question: LoadedQuestion, text: string, recognized: unknown): ScreeningAnswer | undefined {
  const folded = normalizeAnswerText(text);
  if (screening.vocabulary.unsure.some((phrase) => containsPhrase(folded, phrase))) return undefined;
  if (question.type === 'choice') {
    const found = foundChoiceSchema.safeParse(recognized);
    if (!found.success) return undefined;
    if (question.options.some((option) => option.id === found.data.value)) return { kind: 'choice', value: found.data.value };
    return found.data.value === 'unsure' && question.allowUnsure ? { kind: 'unsure' } : undefined;
  }
  if (question.type === 'number' && typeof recognized === 'number' && Number.isFinite(recognized)) {
    const inRange = recognized >= question.min && recognized <= question.max;
    return inRange && (!question.integer || Number.isInteger(recognized)) ? { kind: 'number', value: recognized } : undefined;
  }
  return undefined;
}

/**
 * The meaning of the user's reply to a question: the answer parser's reading of the text first, then a
 * trusted recognizer result; undefined when neither understood it (the question is then left open).
 */
export function understandAnswer(
  screening: Screening,
  question: LoadedQuestion,
  text: string,
  recognized: unknown,
  options: ParseAnswerOptions,
): ScreeningAnswer | undefined {
  return parseAnswer(question, text, options) ?? recognizedAnswer(screening, question, text, recognized);
}

/** The choices a ChoicePrompt matches (its own recognizer is the fallback after the answer parser). */
function choicesOf(screening: Screening, question: LoadedQuestion): Choice[] {
  const unsure: Choice[] = question.allowUnsure ? [{ value: 'unsure', synonyms: [screening.wording.actions.unsure] }] : [];
  if (question.type === 'choice') {
    return [...question.options.map((option) => ({ value: option.id, synonyms: [option.label, ...option.synonyms] })), ...unsure];
  }
  if (question.type === 'yes-no') {
    return [{ value: 'yes', synonyms: [screening.wording.actions.yes] }, { value: 'no', synonyms: [screening.wording.actions.no] }, ...unsure];
  }
  return [];
}

/** The options to begin a question's prompt with (serialisable: they are kept in dialog state). */
export function questionPromptOptions(screening: Screening, question: LoadedQuestion, leadIn?: string): PromptOptions {
  const choices = choicesOf(screening, question);
  return {
    prompt: questionActivity(screening, question, leadIn),
    retryPrompt: retryActivity(screening, question),
    ...(choices.length > 0 ? { choices } : {}),
    style: ListStyle.none,
  };
}

/** Creates the prompt dialog of one question. `now` is the reference date for answers naming a date. */
export function createQuestionPrompt(screening: Screening, question: LoadedQuestion, now: () => Date): Dialog {
  const id = questionPromptId(question.id);
  const validator = async <T>(prompt: PromptValidatorContext<T>): Promise<boolean> => {
    const text = prompt.context.activity.text ?? '';
    const options = { vocabulary: screening.vocabulary, now: now() };
    if (understandAnswer(screening, question, text, prompt.recognized.value, options)) return true;
    // After too many tries the question is left open rather than asked forever.
    return prompt.attemptCount >= screening.maxAttempts;
  };
  switch (question.type) {
    case 'yes-no':
      if (!question.allowUnsure) {
        const confirm = new ConfirmPrompt(id, validator);
        confirm.style = ListStyle.none;
        return confirm;
      }
      return withStyleNone(new ChoicePrompt(id, validator));
    case 'choice':
      return withStyleNone(new ChoicePrompt(id, validator));
    case 'number':
      return new NumberPrompt(id, validator);
    case 'date':
    case 'duration':
      return new TextPrompt(id, validator);
  }
}

function withStyleNone(prompt: ChoicePrompt): ChoicePrompt {
  prompt.style = ListStyle.none;
  return prompt;
}
