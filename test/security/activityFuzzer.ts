/**
 * Generates hostile and odd /api/messages bodies for the fuzz test from a seeded PRNG (the same seed
 * gives the same run): valid activities with mutated fields, wrong types, odd Unicode, deep nesting,
 * unknown types, random deliveryModes and serviceUrls, and bodies that are not JSON at all.
 */
import { randomUUID } from 'node:crypto';

/** A seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const texts = [
  'How long does kyphoplasty take?', 'what is PMMA', '', ' ', 'forget me', 'yes', 'no', 'help', '👍 Helpful',
  'Am I a candidate?', 'I cannot feel my legs', '\u202e\u202d\u200b', '🦴'.repeat(50), 'a'.repeat(5000), '\ud83d', '\u0000\u0001\u0002',
  '<script>alert(1)</script>', '${jndi:ldap://x}', "'; DROP TABLE state; --", '%s%s%s%n', 'Ω≈ç√∫˜µ≤≥÷', 'ﷺ'.repeat(20),
];
const types = ['message', 'message', 'message', 'conversationUpdate', 'event', 'typing', 'invoke', 'messageReaction', 'endOfConversation', 'installationUpdate', 'hologram', ''];

function oddValue(random: () => number, depth = 0): unknown {
  const kind = Math.floor(random() * 9);
  if (depth > 4) return null;
  switch (kind) {
    case 0: return null;
    case 1: return random() * 1e308 * (random() < 0.5 ? -1 : 1);
    case 2: return pick(random, texts);
    case 3: return random() < 0.5;
    case 4: return Array.from({ length: Math.floor(random() * 5) }, () => oddValue(random, depth + 1));
    case 5: return { [pick(random, ['__proto__', 'constructor', 'id', 'x', ''])]: oddValue(random, depth + 1) };
    case 6: return 'x'.repeat(Math.floor(random() * 2000));
    case 7: return -0;
    default: return undefined;
  }
}

/** One request body (and its content type). */
export function generateActivity(random: () => number, ownUrl: string): { body: string; contentType: string } {
  const roll = random();
  if (roll < 0.04) return { body: '{"type":"message","text":', contentType: 'application/json' };
  if (roll < 0.06) return { body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))).toString('latin1'), contentType: 'application/json' };
  if (roll < 0.08) return { body: `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`, contentType: 'application/json' };
  const conversationId = random() < 0.3 ? 'fuzz-shared' : `fuzz-${randomUUID()}`;
  const activity: Record<string, unknown> = {
    type: pick(random, types),
    id: random() < 0.9 ? randomUUID() : oddValue(random),
    channelId: pick(random, ['test', 'msteams', 'directline', 'webchat', 'emulator', '']),
    // Never a serviceUrl that answers: replies that are not expectReplies are refused (403) or fail to send.
    serviceUrl: pick(random, ['http://127.0.0.1:9/', 'http://169.254.169.254/', 'not a url', 'https://smba.trafficmanager.net/amer/', ownUrl.replace(/:\d+$/, ':9')]),
    conversation: random() < 0.95 ? { id: conversationId, isGroup: oddValue(random) } : oddValue(random),
    from: { id: `user-${Math.floor(random() * 5)}`, name: pick(random, texts) },
    recipient: { id: 'spine-assistant', ...(random() < 0.05 ? { role: 'skill' } : {}) },
    text: random() < 0.85 ? pick(random, texts) : oddValue(random),
    deliveryMode: random() < 0.8 ? 'expectReplies' : pick(random, ['normal', 'notification', 'stream', 42]),
  };
  if (random() < 0.3) activity['value'] = random() < 0.5 ? { action: pick(random, ['start-screening', 'forget-me', 'talk-to-person', 'x']) } : oddValue(random);
  if (random() < 0.2) activity['membersAdded'] = random() < 0.7 ? [{ id: 'user-1' }, { id: 'spine-assistant' }] : oddValue(random);
  if (random() < 0.2) activity['attachments'] = random() < 0.7 ? [{ contentType: 'image/png', contentUrl: 'https://example.org/a.png' }] : oddValue(random);
  if (random() < 0.2) activity['channelData'] = oddValue(random);
  if (random() < 0.1) activity['entities'] = [{ type: 'mention', mentioned: { id: 'spine-assistant' }, text: '<at>bot</at>' }];
  if (random() < 0.1) delete activity[pick(random, Object.keys(activity))];
  return { body: JSON.stringify(activity), contentType: 'application/json' };
}
