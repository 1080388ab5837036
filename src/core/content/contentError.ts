/** A content file (knowledge/ or dialogs/) is missing or invalid. The message names the file and the problem. */
export class ContentError extends Error {
  /** Path of the offending file, relative to the repository when possible. */
  readonly file: string;

  constructor(file: string, detail: string) {
    super(`content error in ${file}: ${detail}`);
    this.name = 'ContentError';
    this.file = file;
  }
}
