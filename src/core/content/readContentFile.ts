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

/** How {@link readJsonFile} reports a file it cannot use. */
interface ReadFailures {
  /** The file is missing or unreadable; `reason` is the file system's message. */
  unreadable(reason: string): Error;
  /** The file is not JSON; `reason` is the parser's message. */
  notJson(reason: string): Error;
  /** The JSON does not match the schema. */
  invalid(error: z.ZodError): Error;
}

function readJsonFile<T extends z.ZodType>(file: string, schema: T, failures: ReadFailures): z.infer<T> {
  let raw: string;
  let data: unknown;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw failures.unreadable((error as Error).message);
  }
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw failures.notJson((error as Error).message);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw failures.invalid(parsed.error);
  return parsed.data;
}

/** Reads a JSON content file and validates it; throws a ContentError naming the file and each problem. */
export function readContentFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  return readJsonFile(file, schema, {
    unreadable: () => new ContentError(displayPath(file), 'file not found or not readable'),
    notJson: (reason) => new ContentError(displayPath(file), `not valid JSON (${reason})`),
    invalid: (error) => new ContentError(displayPath(file), formatIssues(error)),
  });
}

/**
 * Reads a wording file of `dialogs/` and validates it; throws an error that starts with the loader's
 * name (`module`), names the file and lists each invalid field on a line of its own.
 */
export function readWordingFile<T extends z.ZodType>(module: string, file: string, schema: T): z.infer<T> {
  return readJsonFile(file, schema, {
    unreadable: (reason) => new Error(`${module}: cannot read ${file}: ${reason}`),
    notJson: (reason) => new Error(`${module}: cannot read ${file}: ${reason}`),
    invalid: (error) => {
      const problems = error.issues.map((issue) => `  - ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      return new Error(`${module}: invalid ${file}:\n${problems.join('\n')}`);
    },
  });
}
