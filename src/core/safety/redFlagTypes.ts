/** The reason an emergency outcome was given: the red-flag rule that matched. */
export interface EmergencyMatch {
  /** Rule id from `knowledge/redFlags.json`. */
  ruleId: string;
  /** Short label of the symptom, e.g. "loss of bladder or bowel control". Never the user's words. */
  label: string;
  /** The instruction to show before anything else (call the emergency number …; a crisis line for self-harm). */
  instruction: string;
}

/** Checks a message against the red-flag rules: the rule that matched, or null. */
export type RedFlagDetector = (message: string) => EmergencyMatch | null;
