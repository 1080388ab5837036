/**
 * The web channel's settings: defaults, the two Direct Line modes, and startup errors that name the
 * variable and the problem — never a secret's value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectLineConfigError, loadDirectLineConfig } from '../../src/channels/directLine/directLineConfig';
import { loadWebChatPageConfig, WebChatConfigError } from '../../src/channels/webChat/webChatConfig';
import { loadWebChatWording } from '../../src/channels/webChat/webChatWording';
import { createWebChannels } from '../../src/channels/webChat/webChannels';

describe('loadDirectLineConfig', () => {
  it('runs the built-in Direct Line by default, with a random per-process token secret', () => {
    const first = loadDirectLineConfig({});
    const second = loadDirectLineConfig({ DIRECTLINE_SECRET: '' });
    expect(first).toMatchObject({
      mode: 'builtIn',
      tokenSecretConfigured: false,
      tokenLifetimeSeconds: 3600,
      maxConversations: 1000,
      maxActivitiesPerConversation: 500,
      idleTimeoutSeconds: 7200,
    });
    if (first.mode !== 'builtIn' || second.mode !== 'builtIn') throw new Error('expected the built-in mode');
    expect(first.tokenSecret.length).toBe(32);
    expect(first.tokenSecret.equals(second.tokenSecret)).toBe(false);
  });

  it('uses a configured token secret (several instances behind one URL)', () => {
    const config = loadDirectLineConfig({ DIRECTLINE_TOKEN_SECRET: 'x'.repeat(40), DIRECTLINE_MAX_CONVERSATIONS: '50' });
    expect(config).toMatchObject({ mode: 'builtIn', tokenSecretConfigured: true, maxConversations: 50 });
  });

  it('switches to Azure with DIRECTLINE_SECRET', () => {
    expect(loadDirectLineConfig({ DIRECTLINE_SECRET: 's'.repeat(40) })).toEqual({
      mode: 'azure',
      secret: 's'.repeat(40),
      domain: 'https://directline.botframework.com/v3/directline',
    });
    expect(loadDirectLineConfig({ DIRECTLINE_SECRET: 's'.repeat(40), DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline/' })).toMatchObject({
      domain: 'https://europe.directline.botframework.com/v3/directline',
    });
  });

  it('names every bad variable and what is wrong, without secret values', () => {
    const secretValue = 'short-secret';
    let message = '';
    try {
      loadDirectLineConfig({
        DIRECTLINE_SECRET: secretValue,
        DIRECTLINE_DOMAIN: 'http://directline.example.org/v3/directline',
        DIRECTLINE_TOKEN_TTL_SECONDS: '600',
        DIRECTLINE_MAX_ACTIVITIES: 'many',
        DIRECTLINE_TOKEN_SECRET: 'too-short',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(DirectLineConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('DIRECTLINE_SECRET: is too short to be a Direct Line secret');
    expect(message).toContain('DIRECTLINE_DOMAIN: must use https (http only for localhost)');
    expect(message).toContain('DIRECTLINE_TOKEN_TTL_SECONDS: must be at least 1200');
    expect(message).toContain('DIRECTLINE_MAX_ACTIVITIES: must be a number of activities');
    expect(message).toContain('DIRECTLINE_TOKEN_SECRET: must be at least 32 characters');
    expect(message).not.toContain(secretValue);
    expect(message).not.toContain('too-short');
  });
});

describe('loadWebChatPageConfig', () => {
  it('has defaults for everything, the wording from dialogs/webChatWording.json', () => {
    const { clinicName, disclaimer } = loadWebChatWording();
    expect(loadWebChatPageConfig({})).toEqual({ clinicName, disclaimer, locale: 'en-US', frameAncestors: [] });
    expect(loadWebChatPageConfig({ CLINIC_NAME: 'North Clinic' }, { clinicName: 'Other', disclaimer: 'Not advice.' })).toMatchObject({ clinicName: 'North Clinic', disclaimer: 'Not advice.' });
  });

  it('refuses page wording that is not one line, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webchat-wording-'));
    try {
      writeFileSync(join(dir, 'webChatWording.json'), JSON.stringify({ clinicName: 'Spine Clinic', disclaimer: 'Two\nlines' }));
      expect(() => loadWebChatWording(dir)).toThrow(/webChatWording\.json.*disclaimer: must be one line/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names bad settings', () => {
    const load = () =>
      loadWebChatPageConfig({ CLINIC_NAME: 'Two\nlines', WEBCHAT_LOCALE: 'English', WEBCHAT_FRAME_ANCESTORS: 'http://insecure.example.org' });
    expect(load).toThrow(WebChatConfigError);
    expect(load).toThrow(/CLINIC_NAME: must be one line/);
    expect(load).toThrow(/WEBCHAT_LOCALE: must be a language tag like en-US/);
    expect(load).toThrow(/WEBCHAT_FRAME_ANCESTORS: each entry must be 'self' or an https origin/);
  });
});

describe('createWebChannels', () => {
  it('validates both halves at startup and returns the Direct Line and page registrations', () => {
    expect(createWebChannels({})).toHaveLength(2);
    expect(() => createWebChannels({ WEBCHAT_LOCALE: '??' })).toThrow(WebChatConfigError);
    expect(() => createWebChannels({ DIRECTLINE_MAX_CONVERSATIONS: '0' })).toThrow(DirectLineConfigError);
  });
});
