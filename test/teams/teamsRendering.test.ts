/**
 * The pieces of the Teams channel on their own: settings, mention removal, the welcome rule, who is
 * staff, the paste prefix, Markdown for Teams, card buttons, and the Teams wording file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActionTypes, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { typedText } from '../../src/bot/botActions';
import { buttonsCard, maxCardActions, toCardButton } from '../../src/channels/teams/teamsCards';
import { loadTeamsConfig, TeamsConfigError } from '../../src/channels/teams/teamsConfig';
import { cleanMentions, conversationTypeOf, isCardSubmit, mentionsBot, teamsWelcomes } from '../../src/channels/teams/teamsConversation';
import { contractMarkdown, keepFirstQuotes, type ReplyContent } from '../../src/bot/replies/replyContent';
import { teamsContentMarkdown, teamsMarkdown } from '../../src/channels/teams/teamsMarkdown';
import type { Quote } from '../../src/core/answer/answerTypes';
import { isStaff, readPasteRequest } from '../../src/channels/teams/teamsPaste';
import { loadTeamsWording } from '../../src/channels/teams/teamsWording';
import { clinicTenantId, otherTenantId, teamsBot, teamsConversation } from './teamsActivities';

const staffId = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

/** A Teams activity as the bot sees it (JSON from the test builders). */
function activity(shape: Record<string, unknown>): Activity {
  return JSON.parse(JSON.stringify(shape)) as Activity;
}

describe('Teams settings', () => {
  it('default to no staff and the 28 KB limit', () => {
    expect(loadTeamsConfig({})).toEqual({ staff: { kind: 'none' }, maxMessageBytes: 28 * 1024 });
  });

  it('read staff as the clinic tenant or a list of object ids', () => {
    expect(loadTeamsConfig({ TEAMS_STAFF: 'tenant', TEAMS_TENANT_ID: clinicTenantId.toUpperCase() }).staff).toEqual({ kind: 'tenant', tenantId: clinicTenantId });
    expect(loadTeamsConfig({ TEAMS_STAFF: 'Tenant', MicrosoftAppTenantId: clinicTenantId }).staff).toEqual({ kind: 'tenant', tenantId: clinicTenantId });
    const users = loadTeamsConfig({ TEAMS_STAFF: ` ${staffId.toUpperCase()} , ${clinicTenantId}` }).staff;
    expect(users.kind === 'users' ? [...users.aadObjectIds] : []).toEqual([staffId, clinicTenantId]);
  });

  it('refuse unusable values, naming the variable', () => {
    const bad = (env: Record<string, string>): string => {
      try {
        loadTeamsConfig(env);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(TeamsConfigError);
        return error instanceof Error ? error.message : '';
      }
    };
    expect(bad({ TEAMS_STAFF: 'tenant' })).toContain('TEAMS_TENANT_ID: is required when TEAMS_STAFF is "tenant"');
    expect(bad({ TEAMS_STAFF: 'alice@clinic.example' })).toContain('TEAMS_STAFF');
    expect(bad({ TEAMS_MAX_MESSAGE_BYTES: '100' })).toContain('TEAMS_MAX_MESSAGE_BYTES: must be at least 2048');
  });
});

describe('reading Teams activities', () => {
  it('removes the bot mention and keeps other people as plain names', () => {
    const chat = teamsConversation({ scope: 'channel' });
    const message = activity(chat.mentioning('can <at>Dr Jones</at> do kyphoplasty?'));
    message.entities?.push({ type: 'mention', text: '<at>Dr Jones</at>', mentioned: { id: '29:jones', name: 'Dr Jones' } });
    expect(mentionsBot(message)).toBe(true);
    expect(cleanMentions(message)).toBe('can Dr Jones do kyphoplasty?');
    expect(message.text).toBe('can Dr Jones do kyphoplasty?');
    expect(mentionsBot(activity(chat.message('how long does it take?')))).toBe(false);
  });

  it('knows the conversation type, also without conversationType', () => {
    expect(conversationTypeOf(activity(teamsConversation({ scope: 'channel' }).message('x')))).toBe('channel');
    expect(conversationTypeOf({ conversation: { id: 'g', isGroup: true, name: '', conversationType: '' } })).toBe('groupChat');
    expect(conversationTypeOf({ conversation: { id: 'g', isGroup: true, name: '', conversationType: '' }, channelData: { team: { id: 't' } } })).toBe('channel');
    expect(conversationTypeOf({})).toBe('personal');
  });

  it('tells a card submit from a typed message', () => {
    const chat = teamsConversation();
    expect(isCardSubmit(activity(chat.submit({ reply: 'Yes' })))).toBe(true);
    expect(isCardSubmit(activity(chat.message('yes')))).toBe(false);
  });

  it('welcomes on install and in personal chats, not when people join a team', () => {
    expect(teamsWelcomes(activity(teamsConversation({ scope: 'channel' }).installed()))).toBe(true);
    expect(teamsWelcomes(activity(teamsConversation({ scope: 'personal' }).personJoined()))).toBe(true);
    expect(teamsWelcomes(activity(teamsConversation({ scope: 'groupChat' }).personJoined()))).toBe(false);
    expect(teamsWelcomes({ membersAdded: [], recipient: teamsBot })).toBe(false);
  });
});

describe('staff and the paste prefix', () => {
  const wording = loadTeamsWording();

  it('reads the prefix at the start, in any case', () => {
    expect(readPasteRequest('paste: How long?', wording.paste.prefixes)).toBe('How long?');
    expect(readPasteRequest('  PASTE:what is PMMA', wording.paste.prefixes)).toBe('what is PMMA');
    expect(readPasteRequest('/paste how long', wording.paste.prefixes)).toBe('how long');
    expect(readPasteRequest('can I paste: this', wording.paste.prefixes)).toBeUndefined();
  });

  it('knows staff by tenant or by object id', () => {
    const inClinic = activity(teamsConversation({ tenantId: clinicTenantId, aadObjectId: staffId }).message('x'));
    const elsewhere = activity(teamsConversation({ tenantId: otherTenantId }).message('x'));
    expect(isStaff(inClinic, { kind: 'tenant', tenantId: clinicTenantId })).toBe(true);
    expect(isStaff(elsewhere, { kind: 'tenant', tenantId: clinicTenantId })).toBe(false);
    expect(isStaff(inClinic, { kind: 'users', aadObjectIds: new Set([staffId]) })).toBe(true);
    expect(isStaff(elsewhere, { kind: 'users', aadObjectIds: new Set([staffId]) })).toBe(false);
    expect(isStaff(inClinic, { kind: 'none' })).toBe(false);
  });
});

describe('Markdown for Teams', () => {
  const quote = (text: string, title: string, url?: string): Quote => ({ documentId: 'doc', title, ...(url ? { url } : {}), start: 0, end: text.length, text, score: 1 });
  const content: ReplyContent = {
    parts: [{ kind: 'lead-in', markdown: 'Lead-in:' }, { kind: 'quote', marker: 1 }, { kind: 'quote', marker: 2 }],
    quotes: [quote('First line\nsecond line', 'Doc "one"'), quote('Another [2] quote', 'Two', 'https://example.org/x')],
  };
  const answer = contractMarkdown(content, 'reviewed');

  it('drops reference definitions and makes single line breaks hard', () => {
    expect(answer).toBe(['Lead-in:', '> First line  \n> second line [1]', '> Another \\[2\\] quote [2]', '[1]: cite:1 "Doc \\"one\\""\n[2]: <https://example.org/x> "Two"'].join('\n\n'));
    expect(teamsContentMarkdown(content)).toBe('Lead-in:\n\n> First line  \n> second line [1]\n\n> Another \\[2\\] quote [2]');
    expect(teamsMarkdown('- a: Yes\n- b: No')).toBe('- a: Yes  \n- b: No');
    expect(teamsMarkdown(teamsMarkdown('- a: Yes\n- b: No'))).toBe(teamsMarkdown('- a: Yes\n- b: No'));
  });

  it('keeps the first quotes whole, with their definitions', () => {
    expect(content.parts.flatMap((part) => (part.kind === 'quote' ? [part.marker] : []))).toEqual([1, 2]);
    expect(contractMarkdown(keepFirstQuotes(content, 1), 'reviewed')).toBe('Lead-in:\n\n> First line  \n> second line [1]\n\n[1]: cite:1 "Doc \\"one\\""');
  });
});

describe('card buttons', () => {
  it('send message-back values as they are and imBack text as { reply }', () => {
    expect(toCardButton({ type: ActionTypes.MessageBack, title: 'Talk to a person', value: { action: 'talk-to-person' } })).toEqual({
      type: 'Action.Submit',
      title: 'Talk to a person',
      data: { action: 'talk-to-person' },
    });
    expect(toCardButton({ type: ActionTypes.ImBack, title: 'Yes', value: 'Yes' })).toEqual({ type: 'Action.Submit', title: 'Yes', data: { reply: 'Yes' } });
    expect(toCardButton({ type: ActionTypes.OpenUrl, title: 'Site', value: 'javascript:alert(1)' })).toBeUndefined();
  });

  it('are read back as typed text when they carry { reply } and no text comes with them', () => {
    expect(typedText(undefined, { reply: 'Yes', questionId: 'imaging' })).toBe('Yes');
    expect(typedText('', { reply: 'What is PMMA?' })).toBe('What is PMMA?');
    expect(typedText('no', { reply: 'Yes' })).toBe('no');
    expect(typedText(undefined, { action: 'ask-question' })).toBeUndefined();
    expect(typedText(undefined, { reply: '' })).toBeUndefined();
    expect(typedText(null, undefined)).toBeUndefined();
  });

  it(`put at most ${maxCardActions} buttons on one card`, () => {
    const actions = Array.from({ length: 9 }, (_, index) => ({ type: ActionTypes.ImBack, title: `Option ${index}`, value: `Option ${index}` }));
    const card = buttonsCard(actions);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = card?.content as { actions: unknown[]; version: string };
    expect(content.actions).toHaveLength(maxCardActions);
    expect(buttonsCard([])).toBeUndefined();
  });
});

describe('the Teams wording file', () => {
  it('is validated, naming the file and the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spine-teams-wording-'));
    try {
      writeFileSync(path.join(dir, 'teamsWording.json'), JSON.stringify({ paste: { prefixes: [], sourceLabel: 'Source', reviewedLabel: 'reviewed', staffOnly: 'x' }, trimmed: 'Left out.' }));
      expect(() => loadTeamsWording(dir)).toThrow(/teamsWording: invalid .*teamsWording\.json:\n {2}- paste\.prefixes: .*\n {2}- trimmed: must contain \{count\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
