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
  /**
   * Longest message checked whole; of a longer paste the first part and the last 4,000 characters are
   * checked, so that the check's cost stays bounded. Default {@link defaultMaxCheckedChars} (at least 8,000).
   */
  maxCheckedChars?: number;
  /** How far, in words, the check looks around a symptom. Defaults: {@link defaultRedFlagReach}. */
  reach?: Partial<RedFlagReach>;
}

/** How far, in words, the check looks around a symptom (each from 1 to about 10). */
export interface RedFlagReach {
  /** Before a symptom, for a negation (not counting fillers or words of the same concept). Default 6. */
  negation: number;
  /** Either side, for a word of history ("years ago"). Default 6. */
  history: number;
  /** Before a symptom, for a frame ("can it cause", "is it normal to"). Default 6. */
  frame: number;
  /** After a symptom, for a frame ("… a possible complication", "… mean a clot"). Default 6. */
  after: number;
  /** Before a symptom, for someone's own words ("my", "he"). Default 2. */
  owner: number;
}

/** The default {@link RedFlagReach}, calibrated on the team's emergency set. */
export const defaultRedFlagReach: RedFlagReach = { negation: 6, history: 6, frame: 6, after: 6, owner: 2 };

/** Default of {@link RedFlagDetectorOptions.maxCheckedChars}: far longer than anything a person types. */
export const defaultMaxCheckedChars = 12_000;

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
  /** The concept occurrences that cover each word, by the word's position. */
  coveredBy: Occurrence[][];
  history: TermOccurrence[];
  resolved: TermOccurrence[];
  present: TermOccurrence[];
  /** Words of habit ("always"), before or after a symptom, in any sentence. */
  habits: TermOccurrence[];
  causal: TermOccurrence[];
  modal: TermOccurrence[];
  after: TermOccurrence[];
  /** Words of habit after a symptom in an asking sentence ("… if I don't eat"). */
  habitsAfter: TermOccurrence[];
  breakers: TermOccurrence[];
  undo: TermOccurrence[];
  /** A question, reported speech or a condition: a sentence that may only talk about a symptom. */
  asks: boolean;
  /** A question that says nothing personal ("is chest pain normal afterwards?"). */
  general: boolean;
  /** A yes-no question about what could happen ("could vertebroplasty paralyse me?"). */
  modalQuestion: boolean;
  /** An asking sentence with a question word and nothing personal ("if a caller mentions suicidal thoughts, who do we call?"). */
  impersonalQuestion: boolean;
}

interface CompiledCombination {
  concepts: string[];
  window: number;
  scope: 'sentence' | 'message';
  /** Concepts that, in the same sentence (or message), mean the words are about something else. */
  unless: ReadonlySet<string>;
  /** Whether question and hypothetical frames can hide the match (the rule's `frames`). */
  frames: boolean;
}

const setOf = (words: readonly string[], stem: (word: string) => string): Set<string> => new Set(words.map(stem));

/**
 * Builds the red-flag detector from `knowledge/redFlags.json` (see its `$comment` for how a message is
 * read and matched). Everything is compiled once; a check reads the message once and looks each
 * rule's concepts up in what it read.
 */
export function createRedFlagDetector(content: RedFlags, options: RedFlagDetectorOptions = {}): RedFlagDetector {
  const instructions = emergencyInstructions(content, options.country);
  const reach = { ...defaultRedFlagReach, ...options.reach };
  const plainReader = createMessageReader(content);
  const concepts = createTermMatcher(content.concepts, plainReader, 'stem');
  const fixTypo = createTypoFixer(concepts.vocabulary, { isKnownWord: options.isKnownWord ?? isEnglishWord });
  const read = createMessageReader({ ...content, fixTypo });
  const stem = (word: string): string => plainReader(word)[0]?.words[0]?.stem ?? word;
  const raw = (word: string): string => plainReader(word)[0]?.words[0]?.raw ?? word;
  const markers = createTermMatcher(
    {
      history: content.historyMarkers,
      resolved: content.resolvedMarkers,
      present: content.presentMarkers,
      habits: content.habitualWords,
      causal: [...content.hypotheticalFrames.causal, ...content.conditionalWords],
      modal: content.hypotheticalFrames.modal,
      after: content.hypotheticalAfter,
      habitsAfter: content.habitualAfter,
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
    combinations: rule.when.map((when): CompiledCombination => {
      const { concepts: names, window, scope, unless } = Array.isArray(when) ? { concepts: when } : when;
      return {
        concepts: names,
        window: window ?? rule.window,
        scope: scope ?? rule.scope,
        unless: new Set([...rule.unless, ...(unless ?? [])]),
        frames: rule.frames,
      };
    }),
  }));

  const factsOf = (sentence: MessageSentence, index: number, offset: number): SentenceFacts => {
    const { words } = sentence;
    const found = markers.find(words);
    const of = (name: string): TermOccurrence[] => found.filter((occurrence) => occurrence.name === name);
    const past = [...of('history'), ...of('resolved')];
    // "fine now", "gone now": a present-time word inside a word of the past does not count.
    const present = of('present').filter((marker) => !past.some((p) => p.start <= marker.start && marker.end <= p.end));
    const first = words[0];
    const startsAsQuestion = first !== undefined && questionWords.has(first.raw) && words[1]?.raw !== 'not';
    const asks = sentence.endsWithQuestionMark || startsAsQuestion || of('reporting').length > 0 || of('conditional').length > 0;
    const impersonal = !words.some((word) => personal.has(word.stem) && !objects.has(word.stem));
    const inSentence = concepts.find(words).map((occurrence) => ({ ...occurrence, sentence: index, position: offset + occurrence.start }));
    const coveredBy: Occurrence[][] = words.map(() => []);
    for (const occurrence of inSentence) for (let i = occurrence.start; i < occurrence.end; i += 1) coveredBy[i]?.push(occurrence);
    return {
      words,
      concepts: inSentence,
      coveredBy,
      history: of('history'),
      resolved: of('resolved'),
      present,
      habits: of('habits'),
      causal: of('causal'),
      modal: of('modal'),
      after: of('after'),
      habitsAfter: of('habitsAfter'),
      breakers: of('breakers'),
      undo: of('undo'),
      asks,
      general: startsAsQuestion && impersonal,
      impersonalQuestion: asks && impersonal && words.some((word) => questionWords.has(word.raw)),
      modalQuestion: startsAsQuestion && modalQuestionWords.has(first.raw),
    };
  };

  /**
   * Whether a negation word stands just before the occurrence, with only fillers or other symptoms
   * between ("not weak or numb", "no chest pain or shortness of breath"); another concept of the same
   * match ends the search.
   */
  const negated = (facts: SentenceFacts, at: Occurrence, tuple: readonly Occurrence[]): boolean => {
    const covers = (o: Occurrence, i: number): boolean => o.sentence === at.sentence && o.start <= i && i < o.end;
    for (let i = at.start - 1, steps = 0; i >= 0 && steps < reach.negation; i -= 1) {
      if (tuple.some((o) => o !== at && covers(o, i))) return false;
      // Other symptoms of a list ("no chest pain or shortness of breath") stand between like fillers,
      // with any negation inside their own words ("not making sense").
      if (facts.coveredBy[i]?.some((o) => o !== at)) continue;
      steps += 1;
      const word = facts.words[i] as MessageWord;
      if (negations.has(word.stem)) return !facts.undo.some((u) => u.start >= at.end && u.start - at.end <= reach.negation);
      if (!fillers.has(word.stem)) return false;
    }
    return false;
  };

  /**
   * Whether the nearest time word says the past: a word of history within reach ("years ago", "in
   * 2015"), or one that says it is over anywhere in the sentence ("it's all back to normal").
   */
  const historical = (facts: SentenceFacts, at: Occurrence): boolean => {
    const distance = (marker: TermOccurrence): number => (marker.end <= at.start ? at.start - marker.end : marker.start >= at.end ? marker.start - at.end : 0);
    const nearest = (markers: readonly TermOccurrence[]): number => Math.min(Number.POSITIVE_INFINITY, ...markers.map(distance));
    const now = nearest(facts.present);
    const past = nearest(facts.history);
    return (past <= reach.history && past < now) || nearest(facts.resolved) < now;
  };

  /**
   * Whether the sentence only asks or talks about the symptom (the match's occurrences in it) rather
   * than telling that it happens. Frames that are part of the match ("will not stop") do not count.
   */
  const hypothetical = (facts: SentenceFacts, match: readonly Occurrence[]): boolean => {
    if (facts.present.length > 0) return false;
    const start = Math.min(...match.map((o) => o.start));
    const end = Math.max(...match.map((o) => o.end));
    const usable = (frame: TermOccurrence): boolean => !match.some((o) => o.start < frame.end && frame.start < o.end);
    /** A frame just before one of the occurrences ("could it paralyse", "is it normal to …"), and that occurrence. */
    const before = (frames: readonly TermOccurrence[]): { frame: TermOccurrence; at: Occurrence } | undefined => {
      for (const frame of frames) {
        if (!usable(frame)) continue;
        const at = match.find(
          (o) =>
            frame.end <= o.start &&
            o.start - frame.end <= reach.frame &&
            !facts.breakers.some((breaker) => breaker.start >= frame.end && breaker.end <= o.start),
        );
        if (at) return { frame, at };
      }
      return undefined;
    };
    const after = (frames: readonly TermOccurrence[]): boolean => frames.some((frame) => usable(frame) && frame.start >= end && frame.start - end <= reach.after);
    /** Someone's own words at the words `[from, to)` ("my legs", "he is") make the symptom theirs, a frame's words aside. */
    const owned = (from: number, to: number, frame?: TermOccurrence): boolean => {
      for (let i = Math.max(0, from - reach.owner); i < to; i += 1) {
        if (frame && frame.start <= i && i < frame.end) continue;
        const word = facts.words[i] as MessageWord;
        if (personal.has(word.stem) && !objects.has(word.stem)) return true;
      }
      return false;
    };
    // A habit ("I always get breathless on the stairs") is not an event, in a question or not.
    if (before(facts.habits) || after(facts.habits)) return true;
    if (!facts.asks) return false;
    if (before(facts.causal) || after(facts.habitsAfter)) return true;
    const modal = before(facts.modal);
    // "would my mum look blue …": the words between the frame and the symptom count too.
    if (modal && !owned(Math.min(modal.frame.end, start), end, modal.frame)) return true;
    if ((after(facts.after) || facts.modalQuestion) && !owned(start, end)) return true;
    return facts.general;
  };

  /** Whether a choice of occurrences tells of an emergency: none negated or in the past, and not only asked about. */
  const live = (facts: readonly SentenceFacts[], tuple: readonly Occurrence[], frames: boolean): boolean => {
    for (const at of tuple) {
      const sentence = facts[at.sentence] as SentenceFacts;
      if (negated(sentence, at, tuple) || historical(sentence, at)) return false;
    }
    const sentences = new Set(tuple.map((o) => o.sentence));
    for (const index of sentences) {
      const sentence = facts[index] as SentenceFacts;
      const inSentence = tuple.filter((o) => o.sentence === index);
      const asked = frames ? hypothetical(sentence, inSentence) : sentence.impersonalQuestion && sentence.present.length === 0;
      if (!asked) return true;
    }
    return false;
  };

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
      if (depth === lists.length) return live(facts, chosen, combination.frames);
      // Occurrences are in order of position: only those within the window of the ones chosen are tried.
      for (const occurrence of lists[depth] as Occurrence[]) {
        if (occurrence.position < high - combination.window) continue;
        if (occurrence.position > low + combination.window) break;
        const nextLow = Math.min(low, occurrence.position);
        const nextHigh = Math.max(high, occurrence.position);
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

  const maxChars = options.maxCheckedChars ?? defaultMaxCheckedChars;
  return (message) => {
    const facts: SentenceFacts[] = [];
    let offset = 0;
    // A paste longer than any message a person types is checked at its start and its end.
    const checked = message.length <= maxChars ? message : `${message.slice(0, maxChars - 4000).replace(/\S*$/, '')}\n${message.slice(-4000).replace(/^\S*/, '')}`;
    for (const sentence of read(checked)) {
      facts.push(factsOf(sentence, facts.length, offset));
      offset += sentence.words.length;
    }
    const sentencePools = facts.map((sentence) => byConcept(sentence.concepts));
    let messagePool: Map<string, Occurrence[]> | undefined;
    for (const { rule, instruction, combinations } of rules) {
      for (const combination of combinations) {
        const pools = combination.scope === 'message' ? [(messagePool ??= byConcept(facts.flatMap((sentence) => sentence.concepts)))] : sentencePools;
        for (const pool of pools) {
          if (combination.unless.size > 0 && [...combination.unless].some((name) => pool.has(name))) continue;
          if (matches(facts, pool, combination)) return { ruleId: rule.id, label: rule.label, instruction };
        }
      }
    }
    return null;
  };
}

export type { EmergencyMatch, RedFlagDetector } from './redFlagTypes';
