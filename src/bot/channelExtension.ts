/**
 * What a channel plugs into the bot without the bot knowing the channel (Teams: src/channels/teams).
 * Behaviour comes in as functions: adapter middleware that runs for the channel's turns, and the rule
 * for when a conversationUpdate gets the welcome.
 */
import type { Activity, Middleware } from 'botbuilder';

/** A channel's additions to the bot. */
export interface ChannelExtension {
  /** The channel it applies to (`activity.channelId`, e.g. `msteams`). */
  channelId: string;
  /**
   * Adapter middleware for every turn (it checks the channel itself). It runs after duplicate
   * deliveries are dropped and before "forget me", so it may clean the incoming text (mentions),
   * end a turn silently by not calling `next`, and register `onSendActivities` hooks that reshape
   * every reply of the turn — the bot's, the screening's, "forget me"'s and the error apology.
   */
  middleware?: Middleware;
  /**
   * Whether a conversationUpdate of this channel gets the welcome, replacing the default rule
   * (welcome when someone other than the bot joins).
   */
  welcomes?: (activity: Partial<Activity>) => boolean;
}
