/**
 * Where the built-in Direct Line keeps conversations and their activities. Asynchronous so that a shared
 * store (Redis, for several server instances) can replace the in-memory one without touching the routes.
 */

/** An activity's JSON as posted by the browser or the bot, before the store gives it an id. */
export interface ActivityFields {
  /** Activity type: `message`, `event`, `typing`, `conversationUpdate`, … */
  type: string;
  /** Any other activity fields, kept as they are. */
  [field: string]: unknown;
}

/** An activity in a conversation's list, with the id the store gave it. */
export interface StoredActivity extends ActivityFields {
  /** `<conversationId>|<seq>`; the seq is also the watermark after this activity. */
  id: string;
}

/** A conversation of the built-in Direct Line. */
export interface DirectLineConversation {
  /** The browser-side conversation id. */
  conversationId: string;
  /** The user the conversation's token was issued to. */
  userId: string;
}

/** Activities after a watermark. */
export interface ActivityPage {
  /** In the order they were appended. */
  activities: StoredActivity[];
  /** Watermark to ask with next time: the seq of the last activity (or the one asked with when none). */
  watermark: number;
}

/** Storage of conversations and activities. Implementations bound their memory and expire idle conversations. */
export interface DirectLineStore {
  /**
   * Starts `conversationId` for `userId` unless it exists (then nothing changes and `created` is false).
   * May drop the least recently active conversation to stay within its bounds.
   */
  startConversation(conversationId: string, userId: string): Promise<{ created: boolean; conversation: DirectLineConversation }>;
  /** The conversation, or undefined when unknown or expired. Counts as activity of the conversation. */
  getConversation(conversationId: string): Promise<DirectLineConversation | undefined>;
  /** Appends an activity and gives it its id; undefined when the conversation is unknown or expired. */
  appendActivity(conversationId: string, activity: ActivityFields): Promise<StoredActivity | undefined>;
  /**
   * The activities after `watermark` (all kept ones when undefined); undefined when the conversation is
   * unknown or expired.
   */
  activitiesSince(conversationId: string, watermark: number | undefined): Promise<ActivityPage | undefined>;
  /**
   * Deletes the conversation's stored activities ("forget me"); the conversation goes on and later
   * activities keep counting from where it was, so watermarks stay valid. Optional for other stores.
   */
  eraseActivities?(conversationId: string): Promise<void>;
}
