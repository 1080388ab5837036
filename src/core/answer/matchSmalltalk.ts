import type { Smalltalk } from '../content/dialogSchemas';
import { compilePatterns } from '../content/patternSchema';
import type { SmalltalkMatch } from './answerTypes';
import { normalizeText } from '../text/analyzeText';

/** Recognises a whole message as small talk ("hi", "thanks", "who are you"). */
export type SmalltalkMatcher = (message: string) => SmalltalkMatch | null;

/** Builds the small-talk matcher from `dialogs/smalltalk.json`. */
export function createSmalltalkMatcher(content: Smalltalk): SmalltalkMatcher {
  const intents = content.intents.map((intent) => ({ intent, patterns: compilePatterns(intent.patterns) }));
  return (message) => {
    const text = normalizeText(message)
      .replace(/\s+/g, ' ')
      .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
    if (text.length === 0) return null;
    const found = intents.find(({ patterns }) => patterns.some((pattern) => pattern.test(text)));
    return found ? { intent: found.intent.id, reply: found.intent.reply } : null;
  };
}
