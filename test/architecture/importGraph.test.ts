/**
 * The shape of the source tree, read from the import statements of src/: no circles, and the core
 * (plain TypeScript: knowledge, text, search, answers, safety, screening, evaluation) imports neither
 * botbuilder nor any layer above it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..', 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file's imports: relative ones resolved to files, packages by name. */
function importGraph(): Map<string, { files: string[]; packages: string[] }> {
  const graph = new Map<string, { files: string[]; packages: string[] }>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm),
      ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((match) => match[1] ?? '');
    const files: string[] = [];
    const packages: string[] = [];
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) {
        packages.push(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier);
      const found = [`${target}.ts`, join(target, 'index.ts')].find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
      if (found) files.push(found);
    }
    graph.set(file, { files, packages });
  }
  return graph;
}

/** The strongly connected groups of more than one file (Tarjan). */
function circles(graph: Map<string, { files: string[] }>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file)?.files ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(relative(root, member));
    } while (member !== file);
    if (group.length > 1) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads every source file', () => {
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no circles', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('keeps the core free of botbuilder and of every layer above it', () => {
    const core = join(root, 'core');
    const wrong = [...graph]
      .filter(([file]) => file.startsWith(core))
      .flatMap(([file, { files, packages }]) => [
        ...packages.filter((name) => name.startsWith('botbuilder') || name.startsWith('botframework') || name === 'restify').map((name) => `${relative(root, file)} → ${name}`),
        ...files.filter((target) => !target.startsWith(core)).map((target) => `${relative(root, file)} → ${relative(root, target)}`),
      ]);
    expect(wrong).toEqual([]);
  });

  it('imports botbuilder only in src/bot and src/channels (storage, server and handoff have their own types)', () => {
    const allowed = [join(root, 'bot'), join(root, 'channels')];
    const wrong = [...graph]
      .filter(([file]) => !allowed.some((folder) => file.startsWith(folder)))
      .flatMap(([file, { packages }]) =>
        packages.filter((name) => name.startsWith('botbuilder') || name.startsWith('botframework')).map((name) => `${relative(root, file)} → ${name}`),
      );
    expect(wrong).toEqual([]);
  });
});
