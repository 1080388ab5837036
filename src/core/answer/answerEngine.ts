import type { Replies } from '../content/dialogSchemas';
import type { DialogContent } from '../content/loadDialogContent';
import type { KnowledgeBase } from '../content/loadKnowledge';
import { compilePatterns } from '../content/patternSchema';
import { createRedFlagDetector, type RedFlagDetector } from '../safety/detectRedFlag';
import { emergencyInstructions } from '../safety/emergencyInstructions';
import { createPassageIndex, defaultPassageIndexOptions, type PassageHit } from '../search/passageIndex';
import { createStopWordPhraseFinder, createSynonymExpander } from '../search/synonymExpander';
import { createTextAnalyzer } from '../text/analyzeText';
import { chunkDocument, type Passage } from '../text/chunkDocument';
import { createSentenceEncoder, dotAt } from '../text/sentenceVectors';
import { createNounTest } from '../text/wordClasses';
import { analyzeQuestion, type AnalyzedQuestion } from './analyzeQuestion';
import { defaultAnswerEngineOptions, type AnswerEngineOptions } from './answerOptions';
import type { AnswerContext, AnswerResult, NoAnswerReason } from './answerTypes';
import { createQuestionClassifier } from './classifyQuestion';
import { createQuestionPartFinder } from './findQuestionPart';
import { createSmalltalkMatcher } from './matchSmalltalk';
import { passageFeatureNames } from '../content/passageFeatureNames';
import { noAskedQuestions, type AskedQuestions } from './passageFeatures';
import { rankPassages, type RankedPassage, type Ranking } from './rankPassages';
import { createRelatedQuestions } from './relatedQuestions';
import { selectQuotes } from './selectQuotes';
import { indexByStem, numberStems } from './stemSharing';

/** Answers questions from the knowledge base with verbatim quotes. */
export interface AnswerEngine {
  /** Answers one message. Never throws for any string input. */
  answer(question: string, context?: AnswerContext): AnswerResult;
  /** Question headings of the documents ("How is it done?"), usable as suggested questions. */
  suggestedQuestions(): string[];
  /** The red-flag check alone (it also runs first in `answer`): the emergency rule a message matches, or null. */
  detectEmergency: RedFlagDetector;
  /** The general emergency instruction (for an emergency the screening recognises from an answer). */
  readonly emergencyInstruction: string;
  /** Diagnostics: the ranked candidate passages for a question with their features (training, tools). */
  rank(question: string): RankedPassage[];
  /** All passages, for tests, tools and benchmarks. */
  readonly passages: readonly Passage[];
  /** The knowledge the engine answers from. */
  readonly knowledge: KnowledgeBase;
  /** The answer wording from `dialogs/replies.json` (for `formatAnswerMarkdown`). */
  readonly replies: Replies;
}

const emptyResult = { quotes: [], questionType: null, confidence: 0, usedContext: false, relatedQuestions: [] };

/** Builds the engine: chunks the documents, builds the index and compiles the rules. */
export function createAnswerEngine(
  knowledge: KnowledgeBase,
  dialogs: DialogContent,
  overrides: Partial<AnswerEngineOptions> = {},
): AnswerEngine {
  const options = { ...defaultAnswerEngineOptions, ...overrides };
  const analyzer = createTextAnalyzer({ extra: knowledge.synonyms.ignoredWords, kept: knowledge.synonyms.keptWords });
  const passages = knowledge.documents.flatMap((document) => chunkDocument(document));
  const index = createPassageIndex(passages, analyzer);
  const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
  const previous = new Map<string, Passage>();
  const next = new Map<string, Passage>();
  const passagesOfDocument = new Map<string, Passage[]>();
  for (const passage of passages) {
    const list = passagesOfDocument.get(passage.documentId);
    if (list) list.push(passage);
    else passagesOfDocument.set(passage.documentId, [passage]);
  }
  passages.forEach((passage, position) => {
    const before = passages[position - 1];
    if (before && before.documentId === passage.documentId && before.block === passage.block) {
      previous.set(passage.id, before);
      next.set(before.id, passage);
    }
  });
  const detector = createRedFlagDetector(knowledge.redFlags, { country: options.emergencyCountry });
  // One turn asks about the same message up to three times (a request for a person? a screening
  // trigger? the answer itself): the last message's result is kept, nothing more.
  let last: { message: string; match: ReturnType<RedFlagDetector> } | undefined;
  const detectRedFlag: RedFlagDetector = (message) => {
    if (last?.message !== message) last = { message, match: detector(message) };
    return last.match;
  };
  const emergencyInstruction = emergencyInstructions(knowledge.redFlags, options.emergencyCountry).emergency ?? '';
  const matchSmalltalk = createSmalltalkMatcher(dialogs.smalltalk);
  const instructionPatterns = compilePatterns(knowledge.guardrails.instructionPatterns);
  const clinicPatterns = compilePatterns(knowledge.guardrails.clinicQuestionPatterns);
  const related = createRelatedQuestions(passages, analyzer);
  const isNoun = createNounTest(new Set(knowledge.lexicon.notNouns));
  const questionParts = {
    analyzer,
    expandSynonyms: createSynonymExpander(knowledge.synonyms.groups, analyzer),
    findStopWordPhrases: createStopWordPhraseFinder(knowledge.synonyms.groups, analyzer),
    classify: createQuestionClassifier(knowledge.questionTypes, index.size),
    continuation: compilePatterns(knowledge.questionTypes.followUp.continuation),
    maxOwnTopicTerms: knowledge.questionTypes.followUp.maxOwnTopicTerms,
    isKnownStem: (stem: string) => index.documentFrequency(stem) > 0,
    findQuestionPart: createQuestionPartFinder(compilePatterns(knowledge.questionTypes.focus.asking)),
  };
  const model = { bias: knowledge.ranking.bias, weights: passageFeatureNames.map((name) => knowledge.ranking.weights[name]) };
  // A passage's first stems, worked out when it is first ranked (most passages of a large corpus never are).
  const leading = new Array<readonly string[] | undefined>(index.size);
  const leadingStems = ({ passage, position }: PassageHit): readonly string[] => (leading[position] ??= analyzer.terms(passage.text).slice(0, 3));
  const encode = knowledge.wordVectors ? createSentenceEncoder(knowledge.wordVectors) : undefined;
  // Each clinic question as written, by its number in `allAsked` (for its sentence vector below).
  const askedTexts: string[] = [];
  const askedById = new Map<string, { types: string[][]; ids: number[] }>();
  // Every passage's clinic questions in one list, numbered: `AskedQuestions.ids`.
  const allAsked: string[][] = [];
  for (const entry of knowledge.passageQuestions) {
    for (const passage of passagesOfDocument.get(entry.documentId) ?? []) {
      if (passage.kind === 'heading' || passage.end <= entry.start || entry.end <= passage.start) continue;
      const asked = askedById.get(passage.id) ?? { types: [], ids: [] };
      for (const question of entry.questions) {
        // A clinic question told as a story counts by the sentences that ask: the story's words ("garden", "car") are no evidence of what the passage answers.
        const asking = questionParts.findQuestionPart(question) ?? question;
        const stems = [...new Set(analyzer.terms(asking))];
        asked.types.push(questionParts.classify(asking).map((type) => type.id));
        asked.ids.push(allAsked.push(stems) - 1);
        askedTexts.push(question);
      }
      askedById.set(passage.id, asked);
    }
  }
  const askedSharing = indexByStem(allAsked);
  const askedStems = numberStems(allAsked);
  const askedAt = new Array<AskedQuestions | undefined>(index.size);
  const askedQuestions = ({ passage, position }: PassageHit): AskedQuestions => (askedAt[position] ??= askedById.get(passage.id) ?? noAskedQuestions);
  const sources = {
    documents,
    previousInBlock: (passage: Passage) => previous.get(passage.id),
    nextInBlock: (passage: Passage) => next.get(passage.id),
    disagreements: knowledge.disagreements,
  };

  // All clinic questions' sentence vectors in one array, row by row (a row of zeros for one the table knows no word of).
  const dimensions = knowledge.wordVectors?.dimensions ?? 0;
  const askedMatrix = new Float32Array(encode ? askedTexts.length * dimensions : 0);
  askedTexts.forEach((text, id) => {
    const vector = encode?.(text);
    if (vector) askedMatrix.set(vector, id * dimensions);
  });
  /** How close the question's wording is to the nearest clinic question of a passage (cosine); none without vectors or weight. */
  const askedSimilarityTo = (question: string): ((hit: PassageHit) => number) | undefined => {
    const vector = options.askedSimilarityWeight > 0 ? encode?.(question) : undefined;
    if (!vector) return undefined;
    return (hit) => {
      let best = 0;
      for (const id of askedQuestions(hit).ids) best = Math.max(best, dotAt(askedMatrix, id * dimensions, vector));
      return best;
    };
  };

  const rankFor = (question: string, analyzed: AnalyzedQuestion, context: AnswerContext): Ranking => {
    const contextStems = (context.topicTerms ?? []).filter((stem) => !analyzed.topicStems.includes(stem));
    const contextSections = new Set(
      (context.previousQuotes ?? []).flatMap((quote) =>
        (passagesOfDocument.get(quote.documentId) ?? [])
          .filter((p) => p.start <= quote.start && quote.start < p.end)
          .map((p) => `${p.documentId}\u0000${p.section ?? ''}`),
      ),
    );
    const askedSimilarity = askedSimilarityTo(question);
    return rankPassages(analyzed, {
      index,
      options,
      model,
      isNoun,
      leadingStems,
      askedQuestions,
      askedSharing,
      askedStems,
      ...(askedSimilarity ? { askedSimilarity } : {}),
      maxEdits: defaultPassageIndexOptions.maxEdits,
      contextStems,
      contextSections,
    });
  };

  const noAnswer = (reason: NoAnswerReason, question: string, context: AnswerContext): AnswerResult => ({
    ...emptyResult,
    outcome: 'no-answer',
    noAnswerReason: reason,
    nextContext: context,
    relatedQuestions: related(question, options.relatedQuestions),
  });

  const answer = (question: string, context: AnswerContext = {}): AnswerResult => {
    if (question.trim().length === 0 || !/[\p{L}\p{N}]/u.test(question)) return noAnswer('empty', '', context);
    const emergency = detectRedFlag(question);
    if (emergency) return { ...emptyResult, outcome: 'emergency', emergency, nextContext: context };
    if (question.length > knowledge.guardrails.maxQuestionLength) return noAnswer('too-long', '', context);
    const smalltalk = matchSmalltalk(question);
    if (smalltalk) return { ...emptyResult, outcome: 'smalltalk', smalltalk, nextContext: context };
    if (instructionPatterns.some((pattern) => pattern.test(question))) return noAnswer('instructions', '', context);
    if (clinicPatterns.some((pattern) => pattern.test(question))) return noAnswer('not-covered', question, context);

    const own = analyzeQuestion(question, questionParts);
    const useContext = own.continuesTopic && (context.topicTerms?.length ?? 0) > 0;
    const inherited = useContext && own.types.length === 0 ? (context.questionTypes ?? []) : [];
    const analyzed = inherited.length > 0 ? analyzeQuestion(question, questionParts, inherited) : own;
    const { passages: ranked, missingSubjects } = rankFor(question, analyzed, useContext ? context : {});
    const confidence = Math.round(Math.max(0, ...ranked.slice(0, options.maxQuotes).map((r) => r.coverage)) * 1000) / 1000;
    // A question whose subject no passage speaks of needs more of the rest of it covered.
    const threshold = missingSubjects.length > 0 ? options.missingSubjectThreshold : options.confidenceThreshold;
    const questionType = analyzed.types[0]?.id ?? null;
    // The subject a follow-up continues: what the question named, then what it asked about it ("how common is that?" after the risks).
    const subject = [...analyzed.topicStems, ...analyzed.cueTopicStems];
    const fresh = !useContext && subject.length > 0;
    const topicTerms = fresh ? subject.slice(0, options.maxTopicTerms) : (context.topicTerms ?? []);
    const questionTypes = fresh ? analyzed.types.map((type) => type.id) : (context.questionTypes ?? []);
    if (confidence < threshold) {
      return { ...noAnswer('not-covered', question, { ...context, topicTerms, questionTypes }), questionType, confidence, usedContext: useContext };
    }
    const selection = selectQuotes(ranked, sources, options, analyzed.types.map((type) => type.id));
    return {
      outcome: 'answer',
      quotes: selection.quotes,
      ...(selection.disagreement ? { disagreement: selection.disagreement } : {}),
      questionType,
      confidence,
      usedContext: useContext,
      nextContext: { topicTerms, questionTypes, previousQuotes: selection.quotes.map(({ documentId, start, end }) => ({ documentId, start, end })) },
      relatedQuestions: related(question, options.relatedQuestions, selection.quotes),
    };
  };

  return {
    answer,
    detectEmergency: detectRedFlag,
    emergencyInstruction,
    rank: (question) => rankFor(question, analyzeQuestion(question, questionParts), {}).passages,
    suggestedQuestions: () => related('', Number.POSITIVE_INFINITY),
    passages,
    knowledge,
    replies: dialogs.replies,
  };
}
