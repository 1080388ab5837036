import { describe, expect, it } from 'vitest';
import { compilePatterns } from '../../src/core/content/patternSchema';
import { loadKnowledge } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { createQuestionPartFinder } from '../../src/core/answer/findQuestionPart';
import { createNounTest } from '../../src/core/text/wordClasses';

const knowledge = loadKnowledge(defaultContentLocation.knowledgeDir);
const find = createQuestionPartFinder(compilePatterns(knowledge.questionTypes.focus.asking));

describe('the question in a long message', () => {
  it('is the sentences that ask, without the story before them', () => {
    expect(find('My uncle is 70. He slipped on the ice in February. How long does the needle part take?')).toBe('How long does the needle part take?');
    expect(find('She has thin bones and a bad back... I would like to know if the cement can leak')).toBe('I would like to know if the cement can leak');
  });

  it('is the whole message when it is one sentence, or every sentence asks', () => {
    expect(find('how long does it take')).toBeUndefined();
    expect(find('Does it hurt? Will I be awake?')).toBeUndefined();
    expect(find('My mother is 80. She fell.')).toBeUndefined();
  });
});

describe('word classes of words the documents never use', () => {
  const isNoun = createNounTest(new Set(knowledge.lexicon.notNouns));
  it("counts WordNet's adjectives that natural's lexicon lacks as narrowing words, not subjects", () => {
    expect(isNoun('percutaneous')).toBe(false);
    expect(isNoun('preoperative')).toBe(false);
  });
  it('keeps nouns and unknown names as subjects', () => {
    expect(isNoun('insurance')).toBe(true);
    expect(isNoun('teriparatide')).toBe(true);
  });
});
