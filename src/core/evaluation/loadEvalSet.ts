import { join } from 'node:path';
import { readContentFile } from '../content/readContentFile';
import { evalSetSchema, type EvalSet } from './evalSetSchema';
import { realSetAsEvalSet, realSetSchema } from './realSetSchema';

const evalDir = join(__dirname, '..', '..', '..', 'test', 'eval');

/** Where the team's evaluation set lives. */
export const defaultEvalSetFile = join(evalDir, 'evalSet.json');
/** Where the team's emergency set lives: red-flag messages in many typing styles, and traps. */
export const defaultEmergencySetFile = join(evalDir, 'emergencySet.json');
/**
 * Where the team's patient-style set lives: questions written in the ways patients type (lay words,
 * typos, relatives asking, long stories with the question at the end) and in-scope questions the
 * documents do not answer, written before tuning for issue 18 as a check on fitting the shared real set.
 */
export const defaultPatientStyleFile = join(evalDir, 'patientStyle.json');
/** Where the copy of the shared set of real patients' wording lives. */
export const defaultRealSetFile = join(evalDir, 'realQuestions.json');

/**
 * Loads and validates a set in the evaluation set's schema: by default the team's evaluation set; the
 * emergency set (red flags and traps only) and the patient-style set are in the same schema.
 */
export function loadEvalSet(file: string = defaultEvalSetFile): EvalSet {
  return readContentFile(file, evalSetSchema);
}

/** Loads the shared set of real patients' wording as an evaluation set (see `realSetAsEvalSet`). */
export function loadRealSet(file: string = defaultRealSetFile): EvalSet {
  return realSetAsEvalSet(readContentFile(file, realSetSchema));
}
