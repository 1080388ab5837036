/** The HTTP endpoints' error messages file: validated at startup, naming the file and the field. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpErrorWordingFileName, loadHttpErrorWording } from '../../src/server/httpErrorWording';
import { startTestAssistant, testConversation } from './assistantHarness';

describe('HTTP error messages', () => {
  it('refuses a size message without {maxBytes} and an empty message', () => {
    const wording = loadHttpErrorWording();
    const dir = mkdtempSync(join(tmpdir(), 'http-errors-'));
    try {
      const file = join(dir, httpErrorWordingFileName);
      writeFileSync(file, JSON.stringify({ ...wording, directLine: { ...wording.directLine, payloadTooLarge: 'Too large.' }, messages: { ...wording.messages, unauthorized: ' ' } }));
      expect(() => loadHttpErrorWording(dir)).toThrow(/httpErrors\.json.*messages\.unauthorized: .*directLine\.payloadTooLarge: must contain \{maxBytes\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are read from the dialogs folder the assistant runs with (DIALOGS_DIR)', async () => {
    const wording = loadHttpErrorWording();
    const dir = mkdtempSync(join(tmpdir(), 'http-errors-'));
    cpSync(join(__dirname, '..', '..', 'dialogs'), dir, { recursive: true });
    const messages = { ...wording.messages, serviceUrlRefused: 'Diese Antwortadresse ist nicht erlaubt.' };
    const directLine = { ...wording.directLine, missingToken: 'Bitte melden Sie sich an.' };
    writeFileSync(join(dir, httpErrorWordingFileName), JSON.stringify({ ...wording, messages, directLine }));
    const test = await startTestAssistant({ env: { DIALOGS_DIR: dir }, registerChannels: undefined });
    try {
      const elsewhere = { ...testConversation().message('hello'), serviceUrl: 'http://replies.example.org' };
      const refused = await fetch(`${test.assistant.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(elsewhere) });
      expect([refused.status, await refused.json()]).toEqual([403, { error: messages.serviceUrlRefused }]);
      const unsigned = await fetch(`${test.assistant.url}/v3/directline/conversations/abc`);
      expect([unsigned.status, await unsigned.json()]).toEqual([401, { error: { code: 'MissingToken', message: directLine.missingToken } }]);
    } finally {
      await test.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
