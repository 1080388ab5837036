import type { AnswerEngine } from '../answer/answerEngine';
import type { AnswerResult } from '../answer/answerTypes';
import type { EvalSet, EvalSplit } from './evalSetSchema';
import { containsKeyPhrase, judgeQuotes } from './keyPhrases';
import { nearCopyTest } from './nearCopies';

/** The evaluation's numbers, each a share in [0, 1] except the counts. */
export interface EvalMetrics {
  answerable: number;
  /** The first quote contains a key phrase. */
  correctFirst: number;
  /** Some quote contains a key phrase. */
  correctAnywhere: number;
  /**
   * One of the ranking's three best passages contains a key phrase. Above `correctAnywhere`, quote
   * selection or the confidence gate threw a right passage away.
   */
  rankedInTop3: number;
  /** Answerable questions the engine wrongly abstained on. */
  falseAbstentions: number;
  abstainable: number;
  /** Off-topic, adversarial, gibberish and unanswerable inputs that got no quotes. */
  abstentionAccuracy: number;
  /** The same, per category. */
  abstentionByCategory: Record<string, number>;
  redFlags: number;
  /** Red-flag messages answered with the emergency instruction. */
  emergencyRecall: number;
  /** Red-flag recall per rule the messages are about (those that name one). */
  emergencyRecallByRule: Record<string, number>;
  /** Non-emergency inputs answered with the emergency instruction (a count). */
  falseEmergencies: number;
  traps: number;
  /** Traps (a frightening word, no emergency) answered with the emergency instruction (a count). */
  trapFalseAlarms: number;
  /** Quotes whose text equals the document slice they claim. */
  verbatimRate: number;
  /** Correct anywhere, per question type. */
  correctAnywhereByType: Record<string, number>;
  /** Answerable questions that a clinic-written question nearly repeats (see nearCopies.ts). */
  nearCopies: number;
  /** Correct first, over the answerable questions without a near-copy. */
  correctFirstWithoutNearCopies: number;
  /** Correct anywhere, over the answerable questions without a near-copy. */
  correctAnywhereWithoutNearCopies: number;
}

/** One evaluated input that missed, for reading. */
export interface EvalMiss {
  id: string;
  question: string;
  expected: string;
  got: string;
}

/** The result of an evaluation run. */
export interface EvalReport {
  split: EvalSplit;
  metrics: EvalMetrics;
  misses: EvalMiss[];
}

const share = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);

function describe(result: AnswerResult): string {
  if (result.outcome !== 'answer') return `${result.outcome}${result.noAnswerReason ? ` (${result.noAnswerReason})` : ''} confidence ${result.confidence}`;
  return result.quotes.map((quote, i) => `[${i + 1}] ${quote.documentId.slice(0, 3)}: ${quote.text.replace(/\s+/g, ' ').slice(0, 90)}`).join(' | ');
}

function byGroup<T>(items: readonly T[], key: (item: T) => string, ok: (item: T) => boolean): Record<string, number> {
  const groups = new Map<string, { hits: number; total: number }>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? { hits: 0, total: 0 };
    group.total += 1;
    if (ok(item)) group.hits += 1;
    groups.set(key(item), group);
  }
  return Object.fromEntries([...groups].sort().map(([name, { hits, total }]) => [name, share(hits, total)]));
}

/** Runs the evaluation set (or one split of it) through the engine and computes the metrics. */
export function runEvaluation(engine: AnswerEngine, set: EvalSet, split: EvalSplit = 'all'): EvalReport {
  const inSplit = <T extends { split: string }>(items: readonly T[]): T[] => items.filter((item) => split === 'all' || item.split === split);
  const texts = new Map(engine.knowledge.documents.map((document) => [document.id, document.text]));
  const isNearCopy = nearCopyTest(engine.knowledge.passageQuestions.flatMap((entry) => entry.questions));
  const misses: EvalMiss[] = [];
  let quotes = 0;
  let verbatim = 0;
  let falseEmergencies = 0;
  const ask = (question: string): AnswerResult => {
    const result = engine.answer(question);
    for (const quote of result.quotes) {
      quotes += 1;
      if (texts.get(quote.documentId)?.slice(quote.start, quote.end) === quote.text) verbatim += 1;
    }
    return result;
  };

  const answerable = inSplit(set.answerable).map((item) => {
    const result = ask(item.question);
    if (result.outcome === 'emergency') falseEmergencies += 1;
    const { first, anywhere } = judgeQuotes(result.quotes, item.keyPhrases);
    const top3 = engine.rank(item.question).slice(0, 3).some((ranked) => containsKeyPhrase(ranked.passage.text, item.keyPhrases));
    if (!first) misses.push({ id: item.id, question: item.question, expected: item.keyPhrases.join(' / '), got: describe(result) });
    return { item, result, first, anywhere, top3, nearCopy: isNearCopy(item.question) };
  });
  const abstain = inSplit(set.abstain).map((item) => {
    const result = ask(item.question);
    if (result.outcome === 'emergency') falseEmergencies += 1;
    const abstained = result.outcome !== 'answer' && result.outcome !== 'emergency';
    if (!abstained) misses.push({ id: item.id, question: item.question.slice(0, 120), expected: `abstain (${item.category})`, got: describe(result) });
    return { item, abstained };
  });
  const redFlags = inSplit(set.redFlags).map((item) => {
    const result = ask(item.question);
    const emergency = result.outcome === 'emergency';
    if (!emergency) misses.push({ id: item.id, question: item.question, expected: `emergency${item.rule ? ` (${item.rule})` : ''}`, got: describe(result) });
    return { item, emergency };
  });
  const traps = inSplit(set.traps).map((item) => {
    const alarm = ask(item.question).outcome === 'emergency';
    if (alarm) misses.push({ id: item.id, question: item.question, expected: 'no emergency (trap)', got: 'emergency' });
    return alarm;
  });

  const fresh = answerable.filter((a) => !a.nearCopy);
  return {
    split,
    misses,
    metrics: {
      answerable: answerable.length,
      correctFirst: share(answerable.filter((a) => a.first).length, answerable.length),
      correctAnywhere: share(answerable.filter((a) => a.anywhere).length, answerable.length),
      rankedInTop3: share(answerable.filter((a) => a.top3).length, answerable.length),
      falseAbstentions: answerable.filter((a) => a.result.outcome !== 'answer').length,
      abstainable: abstain.length,
      abstentionAccuracy: share(abstain.filter((a) => a.abstained).length, abstain.length),
      abstentionByCategory: byGroup(abstain, (a) => a.item.category, (a) => a.abstained),
      redFlags: redFlags.length,
      emergencyRecall: share(redFlags.filter((r) => r.emergency).length, redFlags.length),
      emergencyRecallByRule: byGroup(
        redFlags.filter((r) => r.item.rule),
        (r) => r.item.rule ?? '',
        (r) => r.emergency,
      ),
      falseEmergencies,
      traps: traps.length,
      trapFalseAlarms: traps.filter(Boolean).length,
      verbatimRate: share(verbatim, quotes),
      correctAnywhereByType: byGroup(answerable, (a) => a.item.type, (a) => a.anywhere),
      nearCopies: answerable.length - fresh.length,
      correctFirstWithoutNearCopies: share(fresh.filter((a) => a.first).length, fresh.length),
      correctAnywhereWithoutNearCopies: share(fresh.filter((a) => a.anywhere).length, fresh.length),
    },
  };
}
