import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/content/loadKnowledge';
import { defaultContentLocation } from '../../src/core/loadAnswerEngine';
import { createRedFlagDetector } from '../../src/core/safety/detectRedFlag';
import { EmergencyCountryError, emergencyInstructions } from '../../src/core/safety/emergencyInstructions';
import { createTypoFixer } from '../../src/core/safety/fixTypos';
import { createMessageReader } from '../../src/core/safety/readMessage';

const content = loadKnowledge(defaultContentLocation.knowledgeDir).redFlags;
const detect = createRedFlagDetector(content);
const ruleOf = (message: string): string | null => detect(message)?.ruleId ?? null;

describe('reading a message', () => {
  const read = createMessageReader(content);
  const words = (message: string): string[][] => read(message).map((sentence) => sentence.words.map((word) => word.raw));

  it('spells out contractions with and without apostrophes, text-speak and phrases', () => {
    expect(words("I can't breathe")).toEqual([['i', 'can', 'not', 'breathe']]);
    expect(words('i cant breathe rn')).toEqual([['i', 'can', 'not', 'breathe', 'right', 'now']]);
    expect(words("I'm not able to feel my legs")).toEqual([['i', 'am', 'unable', 'to', 'feel', 'my', 'legs']]);
    expect(words('she feels ill')).toEqual([['she', 'feels', 'ill']]);
    expect(words("I'll call")).toEqual([['i', 'will', 'call']]);
  });

  it('keeps runs of letters and digits whole, so text-speak such as "2day" and "b4" is spelled out', () => {
    expect(words('fever 2day b4 the op')).toEqual([['fever', 'today', 'before', 'the', 'op']]);
    expect(read('temp 39.5c')[0]?.words[1]?.number).toBe(39.5);
  });

  it('drops possessives, cuts letters typed three times and keeps numbers with their decimals', () => {
    expect(words("my husband's legs are numbbbb")).toEqual([['my', 'husband', 'legs', 'are', 'numbb']]);
    expect(read('temp 39,6')[0]?.words[1]?.number).toBe(39.6);
  });

  it('splits sentences at stops, question marks, colons and dashes, and remembers question marks', () => {
    const sentences = read('Can it cause chest pain? I have chest pain - help: now');
    expect(sentences.map((s) => s.words.length)).toEqual([5, 4, 1, 1]);
    expect(sentences.map((s) => s.endsWithQuestionMark)).toEqual([true, false, false, false]);
  });
});

describe('fixing typos against the red-flag vocabulary', () => {
  const known = new Set(['lets', 'chess']);
  const fix = createTypoFixer(['chest', 'legs', 'bladder', 'numbness', 'breathe', 'breath'], { isKnownWord: (word) => known.has(word) });

  it.each([
    ['cheast', 'chest'],
    ['bladdr', 'bladder'],
    ['numbnes', 'numbness'],
    ['legz', 'legs'],
  ])('%s → %s', (typo, word) => expect(fix(typo)).toBe(word));

  it('leaves real words, short words and words two edits from everything alone', () => {
    expect(fix('lets')).toBe('lets');
    expect(fix('chess')).toBe('chess');
    expect(fix('leg')).toBe('leg');
    expect(fix('kitchen')).toBe('kitchen');
  });
});

describe('red-flag rules', () => {
  it.each([
    // typing styles
    ['i cant feel my legs', 'leg-weakness-numbness'],
    ['I CANT MOVE MY LEGS', 'leg-weakness-numbness'],
    ['my cheast hurts so bad', 'chest-pain'],
    ['cant breathe rn', 'breathing'],
    ['lost controll of my bladdr', 'bladder-bowel-control'],
    // someone else
    ["my husband's face is drooping and his words are slurred", 'stroke-signs'],
    ["she fainted and isn't responding", 'collapse-unresponsive'],
    ['her lips look blue', 'blue-lips-skin'],
    // a personal emergency after a general question
    ['can this cause chest pain? I have crushing chest pain right now', 'chest-pain'],
    // numbers in a range, away from units
    ['temp is 39.8 and shivering', 'high-fever'],
    // a whole message for a head injury told in two sentences
    ['He banged his head on the door. Now he keeps being sick and is drowsy.', 'head-injury'],
    // within a question, someone's own symptom still counts
    ['is it normal that my legs are numb?', 'leg-weakness-numbness'],
    ['i want to kill myself', 'self-harm'],
    ['everyone would be better off if I was dead', 'self-harm'],
  ])('%s → %s', (message, rule) => expect(ruleOf(message)).toBe(rule));

  it.each([
    ['a general question', 'can kyphoplasty cause chest pain?'],
    ['a risk question', 'what are the chances of paralysis'],
    ['a complication asked about', 'Is paralysis a possible complication of vertebroplasty?'],
    ['someone else said it', 'my friend said kyphoplasty can give you a heart attack, is that true?'],
    ['a negation', "I don't have any numbness or weakness in my legs"],
    ['a negation over a list', "my legs aren't weak or numb"],
    ['history', 'I had a heart attack back in 2019, does that change the anaesthesia?'],
    ['history far away does not count, but this is over', 'my leg numbness went away years ago, am I still a candidate?'],
    ['resolved', 'the numbness in my toes has all gone now'],
    ['a habit', 'I always get breathless on the stairs'],
    ['an idiom', 'the pain is killing me'],
    ['a collapsed vertebra', 'my x-ray shows a collapsed vertebra'],
    ['a dose per day', 'I take 500 mg paracetamol 3 times a day'],
  ])('no alarm for %s: %s', (_kind, message) => expect(ruleOf(message)).toBeNull());

  it('gives self-harm the crisis instruction and everything else the emergency instruction, for the configured country', () => {
    const us = emergencyInstructions(content);
    expect(detect('i want to end my life')?.instruction).toBe(us['crisis']);
    expect(us['crisis']).toContain('988');
    expect(detect('i cant breathe')?.instruction).toBe(us['emergency']);
    const gb = createRedFlagDetector(content, { country: 'GB' });
    expect(gb('i want to end my life')?.instruction).toContain('116 123');
    expect(gb('i cant breathe')?.instruction).toContain('999');
    expect(() => createRedFlagDetector(content, { country: 'XX' })).toThrow(EmergencyCountryError);
  });

  it('checks a paste far longer than a message at its start and its end', () => {
    expect(ruleOf('Kyphoplasty recovery details and the cement. '.repeat(5000) + ' my chest hurts')).toBe('chest-pain');
    expect(ruleOf('my chest hurts. ' + 'Kyphoplasty recovery details and the cement. '.repeat(5000))).toBe('chest-pain');
    expect(ruleOf('no chest pain '.repeat(15000))).toBeNull();
  });

  it('never puts the message into what it returns', () => {
    const match = detect('my secret-marker legs went numb');
    expect(JSON.stringify(match)).not.toContain('secret-marker');
  });
});
