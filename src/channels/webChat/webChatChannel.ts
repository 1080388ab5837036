/**
 * The Web Chat page as a server registration: `GET /` (the page) and its files under `/webchat/`:
 * Web Chat's prebuilt bundle straight from `node_modules/botframework-webchat/dist` (no CDN), and the
 * page's own script and stylesheet from `./page`.
 */
import * as path from 'node:path';
import type * as restify from 'restify';
import type { ChannelRegistration } from '../../server/createServer';
import type { DirectLineConfig } from '../directLine/directLineConfig';
import { newNonce, pageSecurityHeaders } from './pageSecurityHeaders';
import { loadStaticAsset, type StaticAsset } from './staticAsset';
import type { WebChatPageConfig } from './webChatConfig';
import { loadPageTemplate } from './webChatPage';

/** Paths of the page and its files. */
export const webChatPaths = {
  page: '/',
  webChatJs: '/webchat/webchat.js',
  pageJs: '/webchat/chatPage.js',
  pageCss: '/webchat/chatPage.css',
} as const;

/** Options of {@link createWebChatPage}. */
export interface WebChatPageOptions {
  /** What the page shows. */
  config: WebChatPageConfig;
  /** The Direct Line settings: in Azure mode the page may also connect to Azure's Direct Line. */
  directLine: DirectLineConfig;
  /** Folder of `index.html`, `chatPage.js`, `chatPage.css`. Default: the package's `src/channels/webChat/page`. */
  pageDir?: string;
  /** Web Chat's bundle. Default: `dist/webchat.js` of the installed botframework-webchat package. */
  webChatBundle?: string;
}

/**
 * The page's files: `src/channels/webChat/page` of the package, found from the package root so the
 * compiled build (`dist/`, which holds only JavaScript) serves the same files as the sources.
 */
const defaultWebChatPageDir = path.resolve(__dirname, '../../../src/channels/webChat/page');

/** The installed Web Chat bundle (full build: it includes the Markdown renderer that citations need). */
export function defaultWebChatBundle(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** Creates the registration to pass to `createServer({ registerChannels })`. Reads the files now. */
export function createWebChatPage(options: WebChatPageOptions): ChannelRegistration {
  const pageDir = options.pageDir ?? defaultWebChatPageDir;
  const render = loadPageTemplate(path.join(pageDir, 'index.html'));
  const javascript = 'text/javascript; charset=utf-8';
  const assets: Record<'webChatJs' | 'pageJs' | 'pageCss', StaticAsset> = {
    webChatJs: loadStaticAsset({ file: options.webChatBundle ?? defaultWebChatBundle(), contentType: javascript }),
    pageJs: loadStaticAsset({ file: path.join(pageDir, 'chatPage.js'), contentType: javascript }),
    pageCss: loadStaticAsset({ file: path.join(pageDir, 'chatPage.css'), contentType: 'text/css; charset=utf-8' }),
  };
  const url = (name: keyof typeof assets): string => `${webChatPaths[name]}?v=${assets[name].version}`;
  const connectOrigins = options.directLine.mode === 'azure' ? [new URL(options.directLine.domain).origin] : [];
  const { clinicName, disclaimer, locale, frameAncestors } = options.config;

  return (server) => {
    const servePage = async (_req: restify.Request, res: restify.Response): Promise<void> => {
      const styleNonce = newNonce();
      const html = render({
        clinicName,
        disclaimer,
        locale,
        styleNonce,
        webChatJsUrl: url('webChatJs'),
        pageJsUrl: url('pageJs'),
        pageCssUrl: url('pageCss'),
      });
      const body = Buffer.from(html, 'utf8');
      res.writeHead(200, {
        ...pageSecurityHeaders({ styleNonce, connectOrigins, frameAncestors }),
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': String(body.length),
      });
      res.end(body);
    };
    server.get(webChatPaths.page, servePage);
    server.head(webChatPaths.page, servePage);
    for (const name of ['webChatJs', 'pageJs', 'pageCss'] as const) {
      server.get(webChatPaths[name], async (req: restify.Request, res: restify.Response) => assets[name].serve(req, res));
    }
  };
}
