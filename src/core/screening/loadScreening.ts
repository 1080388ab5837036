/**
 * Loads `dialogs/screening.json`: validates it with zod, checks that every condition names a question
 * that can be tested there with values that exist, and locates every quote verbatim in the knowledge
 * documents. Any problem stops startup with a ContentError naming the file, the question or rule, and
 * the text.
 */
import { catalogFields } from '../answer/selectQuotes';
import { join } from 'node:path';
import type { Quote } from '../answer/answerTypes';
import { ContentError } from '../content/contentError';
import type { KnowledgeBase } from '../content/loadKnowledge';
import { compilePatterns } from '../content/patternSchema';
import { displayPath, readContentFile } from '../content/readContentFile';
import { loadAnswerWords, type AnswerWords } from './answerWords';
import { parseDuration } from './parseTime';
import {
  screeningDefinitionSchema,
  type Condition,
  type QuoteSource,
  type ScreeningDefinition,
  type ScreeningQuestionContent,
} from './screeningSchemas';
import type { CompiledCondition, LoadedQuestion, Screening } from './screeningTypes';

/** The screening's file name inside the dialogs folder. */
export const screeningFileName = 'screening.json';

/** Folds a message for the definition's patterns: lower case, straight apostrophes, single spaces. */
export function foldMessage(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Whether any pattern matches the folded message. */
export function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  const folded = foldMessage(text);
  return patterns.some((pattern) => pattern.test(folded));
}

function locateQuotes(sources: readonly QuoteSource[], owner: string, knowledge: KnowledgeBase, fail: (detail: string) => never): Quote[] {
  const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
  const quote = (documentId: string, start: number, end: number): Quote => {
    const document = documents.get(documentId);
    if (!document) return fail(`${owner}: unknown document "${documentId}"`);
    return { documentId, ...catalogFields(document), start, end, text: document.text.slice(start, end), score: 1 };
  };
  return sources.flatMap((source) => {
    if ('disagreement' in source) {
      const disagreement = knowledge.disagreements.find((known) => known.id === source.disagreement);
      if (!disagreement) return fail(`${owner}: unknown disagreement "${source.disagreement}" (see knowledge/disagreements.json)`);
      return disagreement.sides.map((side) => quote(side.documentId, side.start, side.end));
    }
    const document = documents.get(source.documentId);
    if (!document) return fail(`${owner}: unknown document "${source.documentId}"`);
    const start = document.text.indexOf(source.text);
    if (start < 0) return fail(`${owner}: this quote is not verbatim in ${document.file}: "${source.text}"`);
    return [quote(document.id, start, start + source.text.length)];
  });
}

/** Values an `is` test may name: yes/no or the options, and always `unsure` (not sure, or left open). */
function allowedValues(question: ScreeningQuestionContent): string[] {
  switch (question.type) {
    case 'yes-no':
      return ['yes', 'no', 'unsure'];
    case 'choice':
      return [...question.options.map((option) => option.id), 'unsure'];
    default:
      return ['unsure'];
  }
}

function compileCondition(
  condition: Condition,
  owner: string,
  candidates: ReadonlyMap<string, ScreeningQuestionContent>,
  words: AnswerWords,
  fail: (detail: string) => never,
): CompiledCondition {
  const question = candidates.get(condition.question);
  if (!question) return fail(`${owner}: condition names "${condition.question}", which is not a question that can be tested there`);
  const is = condition.is === undefined ? undefined : Array.isArray(condition.is) ? condition.is : [condition.is];
  const allowed = allowedValues(question);
  const unknown = (is ?? []).filter((value) => !allowed.includes(value));
  if (unknown.length > 0) fail(`${owner}: "${condition.question}" cannot be ${unknown.map((v) => `"${v}"`).join(', ')} (allowed: ${allowed.join(', ')})`);
  const bound = (value: number | string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    if (question.type === 'number') {
      if (typeof value !== 'number') return fail(`${owner}: "${name}" of number question "${question.id}" must be a number`);
      return value;
    }
    if (question.type === 'date' || question.type === 'duration') {
      const days = typeof value === 'string' ? parseDuration(value, words)?.days : undefined;
      if (days === undefined) return fail(`${owner}: "${name}" of "${question.id}" must be a duration such as "8 weeks"`);
      return days;
    }
    return fail(`${owner}: "${name}" needs a number, date or duration question, not "${question.id}"`);
  };
  const over = bound(condition.over, 'over');
  const upTo = bound(condition.upTo, 'upTo');
  return { question: condition.question, ...(is ? { is } : {}), ...(over !== undefined ? { over } : {}), ...(upTo !== undefined ? { upTo } : {}) };
}

function uniqueIds(ids: readonly string[], kind: string, fail: (detail: string) => never): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(`duplicate ${kind} id "${id}"`);
    seen.add(id);
  }
}

/** Validates and locates a parsed definition; `file` names it in errors. */
export function compileScreening(definition: ScreeningDefinition, knowledge: KnowledgeBase, file: string, words: AnswerWords): Screening {
  const fail = (detail: string): never => {
    throw new ContentError(file, detail);
  };
  uniqueIds(definition.questions.map((question) => question.id), 'question', fail);
  uniqueIds(definition.rules.map((rule) => rule.id), 'rule', fail);
  const all = new Map(definition.questions.map((question) => [question.id, question]));
  const earlier = new Map<string, ScreeningQuestionContent>();
  const questions = definition.questions.map((content): LoadedQuestion => {
    const owner = `question "${content.id}"`;
    if (content.type === 'choice') uniqueIds(content.options.map((option) => option.id), `option (${owner})`, fail);
    if (content.type === 'number' && content.min > content.max) fail(`${owner}: min is above max`);
    const askIf = content.askIf.map((condition) => compileCondition(condition, `${owner} askIf`, earlier, words, fail));
    earlier.set(content.id, content);
    const endIf = content.endIf.map((condition) => compileCondition(condition, `${owner} endIf`, earlier, words, fail));
    return { ...content, quotes: locateQuotes(content.quotes, owner, knowledge, fail), askIf, endIf };
  });
  const rules = definition.rules.map((rule) => {
    const owner = `rule "${rule.id}"`;
    return {
      id: rule.id,
      effect: rule.effect,
      reason: rule.reason,
      when: rule.when.map((condition) => compileCondition(condition, owner, all, words, fail)),
      quotes: locateQuotes(rule.quotes, owner, knowledge, fail),
    };
  });
  return {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    questionnaireUrl: definition.questionnaireUrl,
    maxAttempts: definition.maxAttempts,
    triggers: compilePatterns(definition.triggers),
    commands: {
      cancel: compilePatterns(definition.commands.cancel),
      help: compilePatterns(definition.commands.help),
      why: compilePatterns(definition.commands.why),
      back: compilePatterns(definition.commands.back),
      startOver: compilePatterns(definition.commands.startOver),
    },
    freeFormQuestion: compilePatterns(definition.freeFormQuestion),
    vocabulary: { ...definition.vocabulary, words },
    wording: definition.wording,
    questions,
    rules,
  };
}

/**
 * Loads `screening.json` (and the answer words of `answerWords.json`) from the dialogs folder and locates
 * its quotes in `knowledge`. Throws a ContentError naming the file and the problem.
 */
export function loadScreening(dialogsDir: string, knowledge: KnowledgeBase): Screening {
  const file = join(dialogsDir, screeningFileName);
  return compileScreening(readContentFile(file, screeningDefinitionSchema), knowledge, displayPath(file), loadAnswerWords(dialogsDir));
}
