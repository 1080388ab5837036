/**
 * What "forget me" erases besides the bot's state: channels register a hook (the built-in Direct Line
 * erases its transcript of the conversation) and the forget-me middleware runs them all.
 */
import type { ForgetRequest } from './middleware/forgetMeMiddleware';

/** Erases what one channel keeps of a conversation. */
export type ForgetHook = (request: ForgetRequest) => Promise<void>;

/** The hooks of one running bot. */
export interface ForgetHooks {
  /** Adds a channel's hook. */
  register(hook: ForgetHook): void;
  /** Runs every hook (the bot's `onForget`). */
  forgetAll(request: ForgetRequest): Promise<void>;
}

/** Creates an empty set of hooks. */
export function createForgetHooks(): ForgetHooks {
  const hooks: ForgetHook[] = [];
  return {
    register: (hook) => {
      hooks.push(hook);
    },
    forgetAll: async (request) => {
      await Promise.all(hooks.map((hook) => hook(request)));
    },
  };
}
