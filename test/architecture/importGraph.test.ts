/**
 * The shape of the source tree, read from the import statements of src/: no circles; the layers
 * core < infra < handoff < bot < server < channels < (index.ts, cli) import only their own layer or
 * lower ones; botbuilder is imported only in bot, channels and the entry points (see
 * docs/architecture.md). A failure names each offending import as `file → target`.
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

/** The layers from the bottom up; a file may import its own layer or a lower one. */
const layers = ['core', 'infra', 'handoff', 'bot', 'server', 'channels', 'entry'] as const;
type Layer = (typeof layers)[number];

/** Layers that may import botbuilder (and the other Bot Framework packages). */
const botbuilderLayers: readonly Layer[] = ['bot', 'channels', 'entry'];

/** A file's layer: its top folder under src/, or `entry` for src/index.ts and src/cli/. */
function layerOf(file: string): Layer {
  const [top, ...rest] = relative(root, file).split(/[\\/]/);
  if (rest.length === 0 || top === 'cli') return 'entry';
  const layer = layers.find((name) => name === top);
  if (!layer) throw new Error(`importGraph.test: src/${top}/ is in no layer; add it to the layer list and to docs/architecture.md`);
  return layer;
}

function isBotFrameworkPackage(name: string): boolean {
  return name.startsWith('botbuilder') || name.startsWith('botframework');
}

/** Each import of a file from a layer above its own, as `file (layer) → target (layer)`. */
function upwardImports(graph: Map<string, { files: string[] }>): string[] {
  return [...graph].flatMap(([file, { files }]) =>
    files
      .filter((target) => layers.indexOf(layerOf(target)) > layers.indexOf(layerOf(file)))
      .map((target) => `${relative(root, file)} (${layerOf(file)}) → ${relative(root, target)} (${layerOf(target)})`),
  );
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
        ...packages.filter((name) => isBotFrameworkPackage(name) || name === 'restify').map((name) => `${relative(root, file)} → ${name}`),
        ...files.filter((target) => !target.startsWith(core)).map((target) => `${relative(root, file)} → ${relative(root, target)}`),
      ]);
    expect(wrong).toEqual([]);
  });

  it('imports only down the layers: core < infra < handoff < bot < server < channels < index.ts and cli', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('names an upward import as file (layer) → target (layer)', () => {
    const made = new Map([[join(root, 'handoff', 'a.ts'), { files: [join(root, 'bot', 'b.ts'), join(root, 'infra', 'c.ts')] }]]);
    expect(upwardImports(made)).toEqual(['handoff/a.ts (handoff) → bot/b.ts (bot)']);
  });

  it('imports botbuilder only in bot, channels and the entry points', () => {
    const wrong = [...graph]
      .filter(([file]) => !botbuilderLayers.includes(layerOf(file)))
      .flatMap(([file, { packages }]) => packages.filter(isBotFrameworkPackage).map((name) => `${relative(root, file)} → ${name}`));
    expect(wrong).toEqual([]);
  });
});
