import { join } from 'node:path';
import { readContentFile } from '../content/readContentFile';
import { evalSetSchema, type EvalSet } from './evalSetSchema';

/** Where the team's evaluation set lives. */
export const defaultEvalSetFile = join(__dirname, '..', '..', '..', 'test', 'eval', 'evalSet.json');

/** Loads and validates the evaluation set. */
export function loadEvalSet(file: string = defaultEvalSetFile): EvalSet {
  return readContentFile(file, evalSetSchema);
}
