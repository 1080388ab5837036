/**
 * The screening dialog with DialogTestClient, table-driven like the Bot Framework samples: each step is
 * `[user says, ...expected replies]` (see screeningTestKit.ts). Every outcome, every interruption,
 * answers in the user's own words, re-prompts and the retry limit, against the real definition and the
 * real answer engine.
 */
import { describe, expect, it } from 'vitest';
import { channelDataOf, runSteps, screening, startScreening, type ScreeningStep } from './screeningTestKit';

/** Up to (not including) the cause question. */
const toCause: ScreeningStep[] = [
  ['Hi', 'ask:red-flags'],
  ['no', 'ask:imaging'],
  ['yes', 'ask:cause'],
];

/** Up to the time-since-fracture question. */
const toFractureAge: ScreeningStep[] = [...toCause, ['osteoporosis', 'ask:fracture-age']];

const outcomes: Array<[string, ScreeningStep[], string[]]> = [
  [
    'candidate: recent osteoporotic fracture, severe pain despite treatment',
    [
      ...toFractureAge,
      ['3 weeks ago', 'ask:pain-despite-treatment'],
      ['yes', 'ask:pain-score'],
      ['8', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['no', 'complete:candidate'],
    ],
    ['imaging-confirmed', 'cause-osteoporosis', 'recent-fracture', 'pain-not-relieved'],
  ],
  [
    'candidate in the user\'s own words, with a blood thinner as a note',
    [
      ['am I a candidate?', 'ask:red-flags'],
      ['nope, none of those', 'ask:imaging'],
      ['yeah, the MRI showed it', 'ask:cause'],
      ['I fell down the stairs', 'ask:fracture-age'],
      ['about a month ago', 'ask:pain-despite-treatment'],
      ['yes it still hurts a lot', 'ask:pain-score'],
      ['7/10', 'ask:height-loss'],
      ['I think so', 'ask:blood-thinners'],
      ['I take aspirin, yes', 'complete:candidate'],
    ],
    ['imaging-confirmed', 'cause-injury', 'recent-fracture', 'pain-not-relieved', 'height-loss-kyphoplasty'],
  ],
  [
    'candidate with a fracture from cancer, picked as "the second one" (botbuilder\'s choice recognizer)',
    [
      ...toCause,
      ['the second one', 'ask:fracture-age'],
      ['two weeks', 'ask:pain-despite-treatment'],
      ['yes', 'ask:pain-score'],
      ['9', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['no', 'complete:candidate'],
    ],
    ['imaging-confirmed', 'cause-cancer', 'recent-fracture', 'pain-not-relieved'],
  ],
  [
    'not-suitable: the pain gets better with treatment (the pain score is then not asked)',
    [
      ...toFractureAge,
      ['5 weeks', 'ask:pain-despite-treatment'],
      ['no', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['no', 'complete:not-suitable'],
    ],
    ['pain-relieved'],
  ],
  [
    'not-suitable: the fracture is older than every document\'s window',
    [
      ...toFractureAge,
      ['2 years ago', 'ask:pain-despite-treatment'],
      ['yes', 'ask:pain-score'],
      ['9', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['no', 'complete:not-suitable'],
    ],
    ['old-fracture'],
  ],
  [
    'needs-review: no scan has confirmed the fracture (the screening ends there)',
    [
      ['Hi', 'ask:red-flags'],
      ['no', 'ask:imaging'],
      ['no, I have not had a scan', 'complete:needs-review'],
    ],
    ['imaging-missing'],
  ],
  [
    'needs-review: between eight weeks and eight months, where the documents disagree',
    [
      ...toFractureAge,
      ['in March', 'ask:pain-despite-treatment'],
      ['yes', 'ask:pain-score'],
      ['8', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['not sure', 'complete:needs-review'],
    ],
    ['treatment-window-disputed'],
  ],
  [
    'needs-review: the cause and the timing are not known',
    [
      ...toCause,
      ['no idea', 'ask:fracture-age'],
      ["I can't remember", 'ask:pain-despite-treatment'],
      ['yes', 'ask:pain-score'],
      ['6', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['no', 'complete:needs-review'],
    ],
    ['cause-unknown', 'fracture-age-unknown'],
  ],
];

describe('the screening reaches each outcome', () => {
  it.each(outcomes)('%s', async (_name, steps, reasons) => {
    const subject = startScreening();
    const replies = await runSteps(subject, steps);
    const summary = replies.at(-1)?.at(-1);
    const status = channelDataOf(summary).screening;
    expect(status?.status === 'complete' ? status.reasons : []).toEqual(reasons);
    expect(subject.completed()?.outcome).toBe(status?.status === 'complete' ? status.result : 'none');
  });
});

describe('interruptions at any question', () => {
  const cases: Array<[string, ScreeningStep[]]> = [
    ['cancel stops the screening', [...toCause, ['cancel', 'cancelled:user']]],
    ['"stop" stops it too', [['Hi', 'ask:red-flags'], ['stop', 'cancelled:user']]],
    ['help explains the question, then asks it again', [...toCause, ['help', 'help:cause', 'ask:cause']]],
    ['"why do you ask?" shows the question\'s quotes, then asks it again', [...toCause, ['Why do you ask?', 'why:cause', 'ask:cause']]],
    ['back goes to the previous question and forgets its answer', [...toCause, ['back', 'ask:imaging'], ['not sure', 'ask:cause']]],
    ['back at the first question asks it again', [['Hi', 'ask:red-flags'], ['go back', 'ask:red-flags']]],
    ['start over begins again at the first question', [...toFractureAge, ['start over', 'ask:red-flags'], ['no', 'ask:imaging']]],
    [
      'a free-form question is answered with quotes, then the screening goes on where it was',
      [...toCause, ['How long does kyphoplasty take?', 'answer', 'ask:cause'], ['osteoporosis', 'ask:fracture-age']],
    ],
    ['a question the documents do not cover gets an honest no-answer', [...toCause, ['What is the capital of France?', 'no-answer', 'ask:cause']]],
    ['asking to start again mid-way asks the current question again', [...toCause, ['can I have kyphoplasty?', 'ask:cause']]],
    ['an emergency ends the screening with the emergency instruction', [...toCause, ['I suddenly cannot feel my legs', 'cancelled:emergency']]],
    ['answering yes to the red-flag question is an emergency', [['Hi', 'ask:red-flags'], ['yes', 'cancelled:emergency']]],
    ['after an emergency a new message starts afresh', [['Hi', 'ask:red-flags'], ['yes', 'cancelled:emergency'], ['hello', 'ask:red-flags']]],
  ];
  it.each(cases)('%s', async (_name, steps) => {
    await runSteps(startScreening(), steps);
  });

  it('shows the quotes for "why" verbatim with citations', async () => {
    const replies = await runSteps(startScreening(), [...toFractureAge, ['why are you asking that?', 'why:fracture-age', 'ask:fracture-age']]);
    const why = replies.at(-1)?.[0];
    const question = screening.questions.find((candidate) => candidate.id === 'fracture-age');
    // The treatment-window disagreement: all three sides, each a verbatim quote with a citation.
    expect(question?.quotes).toHaveLength(3);
    for (const quote of question?.quotes ?? []) expect(why?.text).toContain(quote.text);
    expect(why?.entities?.[0]?.['citation']).toHaveLength(3);
  });

  it('drops the progress after an emergency, so nothing is kept', async () => {
    const subject = startScreening();
    await runSteps(subject, [...toCause, ['I have chest pain', 'cancelled:emergency']]);
    expect(subject.completed()).toBeUndefined();
    expect(subject.logs.some((line) => line.event === 'bot.screening.cancelled' && line['reason'] === 'emergency')).toBe(true);
  });
});

describe('answers that are not understood', () => {
  it.each<[string, ScreeningStep[]]>([
    ['a yes/no question re-prompts with its hint', [...toCause.slice(0, 2), ['purple', 'retry:imaging'], ['yes', 'ask:cause']]],
    ['"not sure" is no answer where it is not offered', [['Hi', 'ask:red-flags'], ['not sure', 'retry:red-flags'], ['no', 'ask:imaging']]],
    ['a choice question re-prompts', [...toCause, ['a dragon did it', 'retry:cause'], ['cancer', 'ask:fracture-age']]],
    ['a number out of range re-prompts', [...toFractureAge, ['3 weeks', 'ask:pain-despite-treatment'], ['yes', 'ask:pain-score'], ['11', 'retry:pain-score'], ['seven', 'ask:height-loss']]],
    ['a duration that is not one re-prompts', [...toFractureAge, ['recently-ish', 'retry:fracture-age'], ['six weeks ago', 'ask:pain-despite-treatment']]],
  ])('%s', async (_name, steps) => {
    await runSteps(startScreening(), steps);
  });

  it(`leaves a question open after ${screening.maxAttempts} answers it did not understand, and a clinician is asked to look`, async () => {
    const subject = startScreening();
    const tries: ScreeningStep[] = Array.from({ length: screening.maxAttempts - 1 }, (): ScreeningStep => ['purple', 'retry:imaging']);
    const replies = await runSteps(subject, [
      ['Hi', 'ask:red-flags'],
      ['no', 'ask:imaging'],
      ...tries,
      ['purple', 'ask:cause'],
      ['osteoporosis', 'ask:fracture-age'],
      ['3 weeks', 'ask:pain-despite-treatment'],
      ['yes', 'ask:pain-score'],
      ['8', 'ask:height-loss'],
      ['no', 'ask:blood-thinners'],
      ['no', 'complete:needs-review'],
    ]);
    expect(replies[1 + screening.maxAttempts]?.[0]?.text).toContain(screening.wording.leftOpen);
    const status = channelDataOf(replies.at(-1)?.at(-1)).screening;
    expect(status?.status === 'complete' ? status.answers['imaging'] : undefined).toEqual({ kind: 'unanswered' });
    expect(status?.status === 'complete' ? status.reasons : []).toEqual(['imaging-missing']);
  });
});
