/** The HTTP endpoints' error messages file: validated at startup, naming the file and the field. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpErrorWordingFileName, loadHttpErrorWording } from '../../src/server/httpErrorWording';

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
});
