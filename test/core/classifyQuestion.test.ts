/**
 * The question classifier: a question's types and where their cue words stand. Each type's patterns are
 * first tried as one alternation; the types and cues must be those of trying every pattern alone.
 */
import { describe, expect, it } from 'vitest';
import { createQuestionClassifier } from '../../src/core/answer/classifyQuestion';
import { questionTypesSchema } from '../../src/core/content/knowledgeSchemas';

const content = (types: Array<{ id: string; question: string[] }>) =>
  questionTypesSchema.parse({
    types: types.map((type) => ({ ...type, passage: ['\\bminutes?\\b'] })),
    followUp: { continuation: ['^and\\b'], maxOwnTopicTerms: 2 },
    focus: { asking: ['\\?$'] },
  });

const cuesOf = (classify: ReturnType<typeof createQuestionClassifier>, question: string, inherited?: string[]) =>
  classify(question, inherited).map(({ id, cues }) => ({ id, cues }));

describe('question classification', () => {
  const classify = createQuestionClassifier(
    content([
      { id: 'duration', question: ['\\bhow long\\b', '\\btakes? (long|a while)\\b'] },
      { id: 'cost', question: ['\\bcosts?\\b', '\\bhow much (is|does)\\b'] },
    ]),
    1,
  );

  it('gives every cue of every pattern that matches, in pattern order', () => {
    expect(cuesOf(classify, 'How long, how long does it take a while? And what does it cost?')).toEqual([
      { id: 'duration', cues: [{ start: 0, end: 8 }, { start: 10, end: 18 }, { start: 27, end: 39 }] },
      { id: 'cost', cues: [{ start: 58, end: 62 }] },
    ]);
  });

  it('gives no type for a message none of its patterns match, unless the type is inherited', () => {
    expect(cuesOf(classify, 'thank you')).toEqual([]);
    expect(cuesOf(classify, 'and kyphoplasty?', ['cost'])).toEqual([{ id: 'cost', cues: [] }]);
  });

  it('classifies with patterns an alternation would break (groups named alike, back-references)', () => {
    const named = createQuestionClassifier(
      content([{ id: 'repeat', question: ['\\b(?<word>very) (?:much)\\b', '\\b(?<word>so) \\k<word>\\b', '\\b(\\w+) \\1 long\\b'] }]),
      1,
    );
    expect(cuesOf(named, 'is it so so bad')).toEqual([{ id: 'repeat', cues: [{ start: 6, end: 11 }] }]);
    expect(cuesOf(named, 'very very long')).toEqual([{ id: 'repeat', cues: [{ start: 0, end: 14 }] }]);
    expect(cuesOf(named, 'so very bad')).toEqual([]);
  });
});
