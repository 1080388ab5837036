/**
 * The Teams channel as a bot extension (src/bot/channelExtension.ts). For every `msteams` turn its
 * middleware, before the bot sees the message:
 * 1. stays silent in channels and group chats unless the message @mentions the bot or is a click on one
 *    of the bot's card buttons (personal chats always get an answer);
 * 2. removes the @mention markup, so "<at>Spine Assistant</at> how long does it take" is asked as
 *    "how long does it take" — also by the screening, which reads the activity's text;
 * 3. reads the staff paste prefix ("paste: …"): staff get the answer to paste, anyone else the usual
 *    answer after a short note;
 * and reshapes every reply of the turn for Teams (teamsReplies.ts). The welcome goes out when the bot
 * is installed (teamsConversation.ts `teamsWelcomes`). Logs carry ids and counts, never text.
 */
import { ActivityTypes, TextFormatTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { KnowledgeBase, KnowledgeDocument } from '../../core/content/loadKnowledge';
import type { BotLogger, LogFields } from '../../bot/botLogger';
import type { ChannelExtension } from '../../bot/channelExtension';
import { hashConversationId } from '../../bot/conversationHash';
import type { TeamsConfig } from './teamsConfig';
import { cleanMentions, conversationTypeOf, isCardSubmit, isTeamsActivity, mentionsBot, teamsChannelId, teamsWelcomes } from './teamsConversation';
import { isStaff, readPasteRequest } from './teamsPaste';
import { renderTeamsReply, type TeamsReplyOptions } from './teamsReplies';
import { replyDataOf } from './teamsReplyData';
import type { TeamsWording } from './teamsWording';

/** What {@link createTeamsExtension} needs. */
export interface TeamsExtensionOptions {
  config: TeamsConfig;
  wording: TeamsWording;
  /** The knowledge the answers quote (paste mode and citations read the documents). */
  knowledge: Pick<KnowledgeBase, 'documents'>;
  /** Logger (ids and counts only). */
  logger: BotLogger;
}

/** Marks an activity already reshaped for Teams (held replies pass the hook twice). Survives copies. */
const teamsRendered = Symbol('spineAssistant.teamsRendered');

type MarkedActivity = Partial<Activity> & { [teamsRendered]?: true };

function markRendered(activity: Partial<Activity>): MarkedActivity {
  return Object.assign(activity, { [teamsRendered]: true as const });
}

function isRendered(activity: MarkedActivity): boolean {
  return activity[teamsRendered] === true;
}

/** Creates the Teams extension: its middleware and welcome rule. */
export function createTeamsExtension(options: TeamsExtensionOptions): ChannelExtension {
  const documents: ReadonlyMap<string, KnowledgeDocument> = new Map(options.knowledge.documents.map((document) => [document.id, document]));
  const replyOptions: TeamsReplyOptions = { documents, wording: options.wording, maxMessageBytes: options.config.maxMessageBytes };
  const log = (context: TurnContext, event: string, fields: LogFields = {}): void =>
    options.logger.info(`teams.${event}`, { conversation: hashConversationId(context.activity.conversation?.id), ...fields });

  const middleware: Middleware = {
    async onTurn(context, next) {
      const { activity } = context;
      if (!isTeamsActivity(activity)) return next();
      let paste = false;
      context.onSendActivities(async (_context, activities, send) => {
        activities.forEach((outgoing, index) => {
          if (isRendered(outgoing)) return;
          const fitted = renderTeamsReply(outgoing, replyOptions, paste);
          if (fitted.dropped > 0 || !fitted.fits) log(context, 'trimmed', { outcome: replyDataOf(outgoing)?.outcome, dropped: fitted.dropped, fits: fitted.fits });
          activities[index] = markRendered(fitted.activity);
        });
        return send();
      });
      if (activity.type === ActivityTypes.Message) {
        const conversationType = conversationTypeOf(activity);
        if (conversationType !== 'personal' && !mentionsBot(activity) && !isCardSubmit(activity)) {
          options.logger.debug('teams.notAddressed', { conversation: hashConversationId(activity.conversation?.id), conversationType });
          return;
        }
        cleanMentions(activity);
        const question = readPasteRequest(activity.text ?? '', options.wording.paste.prefixes);
        if (question !== undefined) {
          activity.text = question;
          paste = isStaff(activity, options.config.staff);
          log(context, 'pasteRequest', { staff: paste, conversationType });
          if (!paste) await context.sendActivity(staffOnlyActivity(options.wording));
        }
      }
      return next();
    },
  };
  return { channelId: teamsChannelId, middleware, welcomes: teamsWelcomes };
}

function staffOnlyActivity(wording: TeamsWording): Partial<Activity> {
  return { type: ActivityTypes.Message, textFormat: TextFormatTypes.Markdown, text: wording.paste.staffOnly, channelData: { outcome: 'help', quotes: [] } };
}
