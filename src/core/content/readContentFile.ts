import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { z } from 'zod';
import { ContentError } from './contentError';

/** Shows a path relative to the working directory when that is shorter, for error messages. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.length > 0 && !rel.startsWith('..') ? rel : file;
}

/** Formats zod issues as `path.to.field: message` lines. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}

/** Reads a JSON content file and validates it; throws a ContentError naming the file and each problem. */
export function readContentFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new ContentError(displayPath(file), 'file not found or not readable');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ContentError(displayPath(file), `not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ContentError(displayPath(file), formatIssues(parsed.error));
  return parsed.data;
}
