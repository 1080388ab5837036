/**
 * The completed screening as a FHIR R4 QuestionnaireResponse, for staff handoff: one item per question
 * asked, answers typed as FHIR expects (boolean, coding, integer/decimal, quantity in UCUM, date), and the
 * outcome with the rules behind it as extensions. No patient identity: the conversation is anonymous.
 */
import { findQuestion } from './screeningFlow';
import type { DurationUnit } from './durationUnits';
import type {
  AnsweredQuestion,
  FiredRule,
  LoadedQuestion,
  Screening,
  ScreeningAnswer,
  ScreeningEvaluation,
} from './screeningTypes';

/** A FHIR Coding. */
export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

/** A FHIR Quantity with a UCUM unit. */
export interface FhirQuantity {
  value: number;
  unit: string;
  system: 'http://unitsofmeasure.org';
  code: string;
  /** `<` less than, `>` more than the value. */
  comparator?: '<' | '>';
}

/** One answer of a QuestionnaireResponse item (exactly one value[x]). */
export type FhirAnswer =
  | { valueBoolean: boolean }
  | { valueCoding: FhirCoding }
  | { valueInteger: number }
  | { valueDecimal: number }
  | { valueQuantity: FhirQuantity }
  | { valueDate: string };

/** A FHIR extension with a code or string value. */
export type FhirExtension = { url: string; valueCode: string } | { url: string; valueString: string };

/** One item: the question's linkId and text, and its answer (none when the question was left open). */
export interface FhirQuestionnaireResponseItem {
  linkId: string;
  text: string;
  answer?: FhirAnswer[];
}

/** A FHIR R4 QuestionnaireResponse (the fields this bot fills). */
export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  meta: { profile?: string[]; tag: FhirCoding[] };
  extension: FhirExtension[];
  /** Canonical URL of the questionnaire, with its version: `url|version`. */
  questionnaire: string;
  status: 'completed';
  /** When the screening was completed (ISO 8601). */
  authored: string;
  item: FhirQuestionnaireResponseItem[];
}

/** Extension URL of the screening outcome (`candidate`, `not-suitable`, `needs-review`). */
export const outcomeExtensionUrl = 'urn:spine-assistant:fhir:StructureDefinition:screening-outcome';
/** Extension URL of a rule behind the outcome or a note (one extension per rule id). */
export const reasonExtensionUrl = 'urn:spine-assistant:fhir:StructureDefinition:screening-reason';
/** The code system for "not sure" answers. */
export const dataAbsentReasonSystem = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

const ucumCodes: Readonly<Record<DurationUnit, string>> = { day: 'd', week: 'wk', month: 'mo', year: 'a' };

function answerOf(question: LoadedQuestion, answer: ScreeningAnswer, screening: Screening): FhirAnswer | undefined {
  switch (answer.kind) {
    case 'yes-no':
      return { valueBoolean: answer.value === 'yes' };
    case 'choice': {
      const option = question.type === 'choice' ? question.options.find((candidate) => candidate.id === answer.value) : undefined;
      return { valueCoding: { system: `${screening.questionnaireUrl}#${question.id}`, code: answer.value, ...(option ? { display: option.label } : {}) } };
    }
    case 'number':
      return Number.isInteger(answer.value) ? { valueInteger: answer.value } : { valueDecimal: answer.value };
    case 'duration':
      return {
        valueQuantity: {
          value: answer.amount,
          ...(answer.comparator ? { comparator: answer.comparator } : {}),
          unit: answer.amount === 1 ? answer.unit : `${answer.unit}s`,
          system: 'http://unitsofmeasure.org',
          code: ucumCodes[answer.unit],
        },
      };
    case 'date':
      return { valueDate: answer.date };
    case 'unsure':
      return { valueCoding: { system: dataAbsentReasonSystem, code: 'asked-unknown', display: 'Asked But Unknown' } };
    case 'unanswered':
      return undefined;
  }
}

/** Options of {@link buildQuestionnaireResponse}. */
export interface QuestionnaireResponseOptions {
  /** When the screening was completed. */
  authored: Date;
  /** Resource id, if the caller assigns one. */
  id?: string;
}

/** Builds the QuestionnaireResponse of a completed screening. */
export function buildQuestionnaireResponse(
  screening: Screening,
  answered: readonly AnsweredQuestion[],
  evaluation: ScreeningEvaluation,
  options: QuestionnaireResponseOptions,
): FhirQuestionnaireResponse {
  const item = answered.flatMap(({ questionId, answer }): FhirQuestionnaireResponseItem[] => {
    const question = findQuestion(screening, questionId);
    if (!question) return [];
    const value = answerOf(question, answer, screening);
    return [{ linkId: question.id, text: question.text, ...(value ? { answer: [value] } : {}) }];
  });
  const reasons = (rules: readonly FiredRule[]) => rules.map((rule): FhirExtension => ({ url: reasonExtensionUrl, valueString: rule.ruleId }));
  return {
    resourceType: 'QuestionnaireResponse',
    ...(options.id ? { id: options.id } : {}),
    meta: { tag: [{ system: 'urn:spine-assistant:fhir:tags', code: 'chatbot-screening', display: 'Completed in the Spine Assistant chat; not a diagnosis' }] },
    extension: [{ url: outcomeExtensionUrl, valueCode: evaluation.outcome }, ...reasons(evaluation.reasons), ...reasons(evaluation.notes)],
    questionnaire: `${screening.questionnaireUrl}|${screening.version}`,
    status: 'completed',
    authored: options.authored.toISOString(),
    item,
  };
}
