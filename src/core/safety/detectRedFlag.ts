import { isEnglishWord } from '../text/wordClasses';
import { emergencyInstructions } from './emergencyInstructions';
import { createTypoFixer } from './fixTypos';
import { createMessageReader, type MessageSentence, type MessageWord } from './readMessage';
import type { RedFlagRule, RedFlags } from './redFlagSchema';
import type { EmergencyMatch, RedFlagDetector } from './redFlagTypes';
import { createTermMatcher, type TermOccurrence } from './termMatcher';

/** Options of {@link createRedFlagDetector}. */
export interface RedFlagDetectorOptions {
  /** Country whose emergency number and crisis line the instructions name (a key of `countries`). Default: `defaultCountry`. */
  country?: string;
  /** Whether a word is a real word rather than a typo. Default: natural's English lexicon. */
  isKnownWord?: (word: string) => boolean;
}

/** How far (in words) frames, negations and the words a symptom belongs to are looked for. */
const NEGATION_REACH = 4;
const FRAME_REACH = 6;
const AFTER_REACH = 4;
const OWNER_REACH = 2;

interface Occurrence extends TermOccurrence {
  /** Index of the sentence in the message (`start` and `end` are positions in that sentence). */
  sentence: number;
  /** Position of the first word in the whole message, for rules that look at all of it. */
  position: number;
}

/** What is known about one sentence, worked out once per message. */
interface SentenceFacts {
  words: MessageWord[];
  concepts: Occurrence[];
  history: TermOccurrence[];
  present: TermOccurrence[];
  causal: TermOccurrence[];
  modal: TermOccurrence[];
  after: TermOccurrence[];
  breakers: TermOccurrence[];
  undo: TermOccurrence[];
  /** A question, reported speech or a condition: a sentence that may only talk about a symptom. */
  asks: boolean;
  /** A question that says nothing personal ("is chest pain normal afterwards?"). */
  general: boolean;
  /** A yes-no question about what could happen ("could vertebroplasty paralyse me?"). */
  modalQuestion: boolean;
}

interface CompiledCombination {
  concepts: string[];
  window: number;
  scope: 'sentence' | 'message';
}

const setOf = (words: readonly string[], stem: (word: string) => string): Set<string> => new Set(words.map(stem));

/**
 * Builds the red-flag detector from `knowledge/redFlags.json` (see its `$comment` for how a message is
 * read and matched). Everything is compiled once; a check reads the message once and looks each
 * rule's concepts up in what it read.
 */
export function createRedFlagDetector(content: RedFlags, options: RedFlagDetectorOptions = {}): RedFlagDetector {
  const instructions = emergencyInstructions(content, options.country);
  const plainReader = createMessageReader(content);
  const concepts = createTermMatcher(content.concepts, plainReader, 'stem');
  const fixTypo = createTypoFixer(concepts.vocabulary, { isKnownWord: options.isKnownWord ?? isEnglishWord });
  const read = createMessageReader({ ...content, fixTypo });
  const stem = (word: string): string => plainReader(word)[0]?.words[0]?.stem ?? word;
  const raw = (word: string): string => plainReader(word)[0]?.words[0]?.raw ?? word;
  const markers = createTermMatcher(
    {
      history: content.historyMarkers,
      present: content.presentMarkers,
      causal: [...content.hypotheticalFrames.causal, ...content.conditionalWords],
      modal: content.hypotheticalFrames.modal,
      after: content.hypotheticalAfter,
      breakers: content.clauseBreakers,
      undo: content.negationUndo,
      reporting: content.reportingWords,
      conditional: content.conditionalWords,
    },
    plainReader,
    'raw',
  );
  const negations = setOf(content.negationWords, stem);
  const fillers = setOf(content.negationFillers, stem);
  const personal = setOf(content.personalWords, stem);
  const objects = setOf(content.objectWords, stem);
  const questionWords = setOf(content.questionWords, raw);
  const modalQuestionWords = setOf(content.modalQuestionWords, raw);
  const rules = content.rules.map((rule: RedFlagRule) => ({
    rule,
    instruction: instructions[rule.instruction] ?? '',
    unless: new Set(rule.unless),
    combinations: rule.when.map(
      (when): CompiledCombination =>
        Array.isArray(when)
          ? { concepts: when, window: rule.window, scope: rule.scope }
          : { concepts: when.concepts, window: when.window ?? rule.window, scope: when.scope ?? rule.scope },
    ),
  }));

  const factsOf = (sentence: MessageSentence, index: number, offset: number): SentenceFacts => {
    const { words } = sentence;
    const found = markers.find(words);
    const of = (name: string): TermOccurrence[] => found.filter((occurrence) => occurrence.name === name);
    const first = words[0];
    const startsAsQuestion = first !== undefined && questionWords.has(first.raw) && words[1]?.raw !== 'not';
    const asks = sentence.endsWithQuestionMark || startsAsQuestion || of('reporting').length > 0 || of('conditional').length > 0;
    return {
      words,
      concepts: concepts.find(words).map((occurrence) => ({ ...occurrence, sentence: index, position: offset + occurrence.start })),
      history: of('history'),
      present: of('present'),
      causal: of('causal'),
      modal: of('modal'),
      after: of('after'),
      breakers: of('breakers'),
      undo: of('undo'),
      asks,
      general: startsAsQuestion && !words.some((word) => personal.has(word.stem) && !objects.has(word.stem)),
      modalQuestion: startsAsQuestion && modalQuestionWords.has(first.raw),
    };
  };

  /**
   * Whether a negation word stands just before the occurrence, with only fillers (or words of the same
   * concept: "not weak or numb") between; another concept of the match ends the search.
   */
  const negated = (facts: SentenceFacts, at: Occurrence, tuple: readonly Occurrence[]): boolean => {
    const covers = (o: Occurrence, i: number): boolean => o.sentence === at.sentence && o.start <= i && i < o.end;
    for (let i = at.start - 1, steps = 0; i >= 0 && steps < NEGATION_REACH; i -= 1, steps += 1) {
      if (tuple.some((o) => o !== at && covers(o, i))) return false;
      if (facts.concepts.some((o) => o !== at && o.name === at.name && covers(o, i))) continue;
      const word = facts.words[i] as MessageWord;
      if (negations.has(word.stem)) return !facts.undo.some((u) => u.start >= at.end && u.start - at.end <= NEGATION_REACH);
      if (!fillers.has(word.stem)) return false;
    }
    return false;
  };

  /** Whether the nearest time word says the past ("years ago", "in 2015"). */
  const historical = (facts: SentenceFacts, at: Occurrence): boolean => {
    const distance = (marker: TermOccurrence): number => (marker.end <= at.start ? at.start - marker.end : marker.start >= at.end ? marker.start - at.end : 0);
    const nearest = (markers: readonly TermOccurrence[]): number => Math.min(Number.POSITIVE_INFINITY, ...markers.map(distance));
    return nearest(facts.history) < nearest(facts.present);
  };

  /** Whether a frame ends within `reach` words before the occurrence, with no clause breaker between. */
  const framedBefore = (facts: SentenceFacts, frames: readonly TermOccurrence[], at: Occurrence): TermOccurrence | undefined =>
    frames.find(
      (frame) =>
        frame.end <= at.start &&
        at.start - frame.end <= FRAME_REACH &&
        !facts.breakers.some((breaker) => breaker.start >= frame.end && breaker.end <= at.start),
    );

  /** Whether someone's own words stand at the symptom ("my legs", "he is"), not counting the frame's. */
  const owned = (facts: SentenceFacts, at: Occurrence, frame: TermOccurrence | undefined): boolean => {
    for (let i = Math.max(0, at.start - OWNER_REACH); i < at.end; i += 1) {
      if (frame && frame.start <= i && i < frame.end) continue;
      const word = facts.words[i] as MessageWord;
      if (personal.has(word.stem) && !objects.has(word.stem)) return true;
    }
    return false;
  };

  /** Whether the sentence only asks or talks about the symptom rather than telling that it happens. */
  const hypothetical = (facts: SentenceFacts, at: Occurrence): boolean => {
    if (!facts.asks || facts.present.length > 0) return false;
    if (framedBefore(facts, facts.causal, at)) return true;
    const modal = framedBefore(facts, facts.modal, at);
    const after = facts.after.some((word) => word.start >= at.end && word.start - at.end <= AFTER_REACH);
    if ((modal || after || facts.modalQuestion) && !owned(facts, at, modal)) return true;
    return facts.general;
  };

  const live = (facts: readonly SentenceFacts[], tuple: readonly Occurrence[]): boolean =>
    tuple.every((at) => {
      const sentence = facts[at.sentence] as SentenceFacts;
      return !negated(sentence, at, tuple) && !historical(sentence, at) && !hypothetical(sentence, at);
    });

  /** Some choice of one occurrence per concept, close enough together, that is live. */
  const matches = (facts: readonly SentenceFacts[], pool: ReadonlyMap<string, Occurrence[]>, combination: CompiledCombination): boolean => {
    const lists: Occurrence[][] = [];
    for (const name of combination.concepts) {
      const list = pool.get(name);
      if (!list) return false;
      lists.push(list);
    }
    const chosen: Occurrence[] = [];
    const choose = (depth: number, low: number, high: number): boolean => {
      if (depth === lists.length) return live(facts, chosen);
      for (const occurrence of lists[depth] as Occurrence[]) {
        const nextLow = Math.min(low, occurrence.position);
        const nextHigh = Math.max(high, occurrence.position);
        if (nextHigh - nextLow > combination.window) continue;
        chosen.push(occurrence);
        const found = choose(depth + 1, nextLow, nextHigh);
        chosen.pop();
        if (found) return true;
      }
      return false;
    };
    return choose(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  };

  const byConcept = (occurrences: readonly Occurrence[]): Map<string, Occurrence[]> => {
    const map = new Map<string, Occurrence[]>();
    for (const occurrence of occurrences) {
      const list = map.get(occurrence.name);
      if (list) list.push(occurrence);
      else map.set(occurrence.name, [occurrence]);
    }
    return map;
  };

  return (message) => {
    const facts: SentenceFacts[] = [];
    let offset = 0;
    for (const sentence of read(message)) {
      facts.push(factsOf(sentence, facts.length, offset));
      offset += sentence.words.length;
    }
    const sentencePools = facts.map((sentence) => byConcept(sentence.concepts));
    let messagePool: Map<string, Occurrence[]> | undefined;
    for (const { rule, instruction, unless, combinations } of rules) {
      for (const combination of combinations) {
        const pools = combination.scope === 'message' ? [(messagePool ??= byConcept(facts.flatMap((sentence) => sentence.concepts)))] : sentencePools;
        for (const pool of pools) {
          if (unless.size > 0 && [...unless].some((name) => pool.has(name))) continue;
          if (matches(facts, pool, combination)) return { ruleId: rule.id, label: rule.label, instruction };
        }
      }
    }
    return null;
  };
}

export type { EmergencyMatch, RedFlagDetector } from './redFlagTypes';
