/**
 * The whole web channel for the composition root: reads and validates its settings from the
 * environment and returns the registrations for `createServer({ registerChannels })` — the built-in
 * Direct Line (or the Azure token exchange) and the Web Chat page.
 */
import type { ChannelRegistration } from '../../server/createServer';
import { loadHttpErrorWording } from '../../server/httpErrorWording';
import { createDirectLineChannel, type DirectLineChannelOptions } from '../directLine/directLineChannel';
import { loadDirectLineConfig } from '../directLine/directLineConfig';
import { loadWebChatPageConfig } from './webChatConfig';
import { createWebChatPage } from './webChatChannel';
import { loadWebChatWording } from './webChatWording';

/** Options of {@link createWebChannels} besides the environment. */
export interface WebChannelsOptions extends Omit<DirectLineChannelOptions, 'config'> {
  /** Folder with `webChatWording.json` and `httpErrors.json` (`DIALOGS_DIR`). Default: the repository's `dialogs/`. */
  dialogsDir?: string;
}

/**
 * Validates the web channel's settings in `env` (throws `DirectLineConfigError` or `WebChatConfigError`,
 * naming each bad variable) and creates its registrations: Direct Line first, then the page. A
 * `MicrosoftAppId` in `env` means the bot requires authentication (see `botRequiresAuthentication`).
 */
export function createWebChannels(env: NodeJS.ProcessEnv, options: WebChannelsOptions = {}): ChannelRegistration[] {
  const directLine = loadDirectLineConfig(env);
  const { dialogsDir, ...directLineOptions } = options;
  const page = loadWebChatPageConfig(env, loadWebChatWording(dialogsDir));
  const botRequiresAuthentication = options.botRequiresAuthentication ?? Boolean(env['MicrosoftAppId']?.trim());
  return [
    createDirectLineChannel({ errors: loadHttpErrorWording(dialogsDir).directLine, ...directLineOptions, config: directLine, botRequiresAuthentication }),
    createWebChatPage({ config: page, directLine }),
  ];
}
