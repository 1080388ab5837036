/** Which messages are actions, feedback or questions (table-driven). */
import { describe, expect, it } from 'vitest';
import { recognizeRequest, type RecognizedRequest } from '../../src/bot/botActions';
import { loadBotWording } from '../../src/bot/botWording';

const wording = loadBotWording();
const quote = { documentId: 'doc', start: 3, end: 40 };

const cases: Array<[string, string, unknown, RecognizedRequest]> = [
  ['a question', 'How long does it take?', undefined, { kind: 'question', text: 'How long does it take?' }],
  ['an action value without text', '', { action: 'talk-to-person' }, { kind: 'action', action: 'talk-to-person' }],
  ['an action value with its own title', wording.actions.startScreening, { action: 'start-screening' }, { kind: 'action', action: 'start-screening' }],
  ['a typed action title (imBack)', 'ask a question', undefined, { kind: 'action', action: 'ask-question' }],
  ['an action value with other text', 'I have chest pain', { action: 'talk-to-person' }, { kind: 'question', text: 'I have chest pain' }],
  ['an unknown action', '', { action: 'delete-everything' }, { kind: 'question', text: '' }],
  [
    'a feedback value',
    wording.actions.helpful,
    { feedback: 'helpful', outcome: 'answer', quotes: [quote] },
    { kind: 'feedback', rating: 'helpful', outcome: 'answer', quotes: [quote] },
  ],
  ['typed feedback without emoji', 'Not helpful', undefined, { kind: 'feedback', rating: 'not-helpful' }],
  ['a feedback value with bad quotes', '', { feedback: 'helpful', quotes: [{ documentId: 'doc', start: -1, end: 2 }] }, { kind: 'question', text: '' }],
  ['an outcome outside the contract', '', { feedback: 'helpful', outcome: 'great' }, { kind: 'question', text: '' }],
];

describe('recognizeRequest', () => {
  it.each(cases)('%s', (_name, text, value, expected) => {
    expect(recognizeRequest(text, value, wording)).toEqual(expected);
  });
});
