/**
 * Understands a free-text answer to a screening question: "yes", "yeah", "nope", "not sure",
 * "osteoporosis" or "I had a fall", "7/10", "3 weeks ago", "in March". Returns the answer's meaning,
 * never the user's words.
 */
import { containsPhrase, normalizeAnswerText, parseSingleNumber, startsWithPhrase } from './parseNumber';
import { daysBefore, durationFromDays, parseDate, parseDuration } from './parseTime';
import type { AnswerVocabulary, LoadedQuestion, ScreeningAnswer } from './screeningTypes';

/** What the parser needs besides the question and the text. */
export interface ParseAnswerOptions {
  vocabulary: AnswerVocabulary;
  /** The reference date for answers that name a date. */
  now: Date;
}

function saysUnsure(text: string, vocabulary: AnswerVocabulary): boolean {
  return vocabulary.unsure.some((phrase) => containsPhrase(text, phrase));
}

function parseYesNo(text: string, vocabulary: AnswerVocabulary): ScreeningAnswer | undefined {
  // "no" before "yes": "i have not" starts with the yes-phrase "i have".
  if (vocabulary.no.some((phrase) => startsWithPhrase(text, phrase))) return { kind: 'yes-no', value: 'no' };
  if (vocabulary.yes.some((phrase) => startsWithPhrase(text, phrase))) return { kind: 'yes-no', value: 'yes' };
  return undefined;
}

function parseChoice(question: Extract<LoadedQuestion, { type: 'choice' }>, text: string): ScreeningAnswer | undefined {
  const names = (option: (typeof question.options)[number]) => [option.id.replace(/-/g, ' '), option.label, ...option.synonyms];
  const exact = question.options.find((option) => names(option).some((name) => normalizeAnswerText(name) === text));
  if (exact) return { kind: 'choice', value: exact.id };
  const found = question.options.filter((option) => names(option).some((name) => containsPhrase(text, name)));
  const [only] = found;
  return found.length === 1 && only ? { kind: 'choice', value: only.id } : undefined;
}

function parseNumberAnswer(question: Extract<LoadedQuestion, { type: 'number' }>, text: string, vocabulary: AnswerVocabulary): ScreeningAnswer | undefined {
  const value = parseSingleNumber(text, vocabulary.words);
  if (value === undefined || value < question.min || value > question.max) return undefined;
  if (question.integer && !Number.isInteger(value)) return undefined;
  return { kind: 'number', value };
}

/**
 * The meaning of `text` as an answer to `question`, or undefined when it is not one. "Not sure" counts
 * only where the question allows it; for yes/no questions it wins over other words ("not sure, maybe
 * yes"), elsewhere a value wins ("not sure, about 3 weeks", "no idea, maybe a fall").
 */
export function parseAnswer(question: LoadedQuestion, text: string, options: ParseAnswerOptions): ScreeningAnswer | undefined {
  const folded = normalizeAnswerText(text);
  if (folded === '') return undefined;
  const unsure = saysUnsure(folded, options.vocabulary);
  const unsureAnswer: ScreeningAnswer | undefined = unsure && question.allowUnsure ? { kind: 'unsure' } : undefined;
  switch (question.type) {
    case 'yes-no':
      // "Not sure" is never read as "no", even where it is not accepted.
      return unsure ? unsureAnswer : parseYesNo(folded, options.vocabulary);
    case 'choice':
      return parseChoice(question, folded) ?? unsureAnswer;
    case 'number':
      return parseNumberAnswer(question, folded, options.vocabulary) ?? unsureAnswer;
    case 'duration': {
      const date = parseDate(folded, options.now, options.vocabulary.words);
      if (date) return { kind: 'duration', ...durationFromDays(date.days), since: date.date };
      const duration = parseDuration(folded, options.vocabulary.words);
      return duration ? { kind: 'duration', ...duration } : unsureAnswer;
    }
    case 'date': {
      const date = parseDate(folded, options.now, options.vocabulary.words);
      if (date) return { kind: 'date', ...date };
      const duration = parseDuration(folded, options.vocabulary.words);
      return duration ? { kind: 'date', ...daysBefore(options.now, duration.days) } : unsureAnswer;
    }
  }
}
