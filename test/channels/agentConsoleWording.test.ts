/** The agent console's wording file: validated at startup, and safe to put in the page as a JSON data block. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentConsoleWordingFileName, loadAgentConsoleWording, scriptWordingJson } from '../../src/channels/agentConsole/agentConsoleWording';

describe('agent console wording', () => {
  it('refuses a text without the placeholder the page fills in, naming the file and the field', () => {
    const wording = loadAgentConsoleWording();
    const dir = mkdtempSync(join(tmpdir(), 'console-wording-'));
    try {
      writeFileSync(join(dir, agentConsoleWordingFileName), JSON.stringify({ ...wording, script: { ...wording.script, notSent: 'Not sent.' } }));
      expect(() => loadAgentConsoleWording(dir)).toThrow(/agentConsoleWording\.json.*script\.notSent: must contain \{error\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cannot close the data block it is put in', () => {
    const wording = loadAgentConsoleWording();
    const json = scriptWordingJson({ ...wording, script: { ...wording.script, take: '</script><script>alert(1)</script>' } });
    expect(json).not.toContain('<');
    expect((JSON.parse(json) as { take: string }).take).toBe('</script><script>alert(1)</script>');
  });
});
