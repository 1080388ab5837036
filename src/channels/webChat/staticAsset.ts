/**
 * A static file served from memory with a content-hash version (for cache busting), an ETag, and
 * brotli or gzip encoding compressed once on first request (Web Chat's bundle is ~3.9 MB, ~0.7 MB in brotli).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type * as restify from 'restify';
import { assetSecurityHeaders } from './pageSecurityHeaders';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** A file ready to serve. */
export interface StaticAsset {
  /** First 16 hex digits of the content's SHA-256; the page links `…?v=<version>`. */
  version: string;
  /** Answers a GET for the file (304 when the browser's copy is current). */
  serve(req: restify.Request, res: restify.Response): Promise<void>;
}

/** Options of {@link loadStaticAsset}. */
export interface StaticAssetOptions {
  /** Absolute path of the file; read once, now. */
  file: string;
  /** `Content-Type` header, e.g. `text/javascript; charset=utf-8`. */
  contentType: string;
  /** `Cache-Control` max-age in seconds. Default 86400 (one day; links carry the version anyway). */
  maxAgeSeconds?: number;
}

/** Reads the file and prepares it for serving. */
export function loadStaticAsset(options: StaticAssetOptions): StaticAsset {
  const content = readFileSync(options.file);
  const version = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const etag = `"${version}"`;
  const maxAge = options.maxAgeSeconds ?? 86_400;
  const encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>> = {};
  const encode = (encoding: 'br' | 'gzip'): Promise<Buffer> => {
    encoded[encoding] ??=
      encoding === 'br'
        ? brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } })
        : gzip(content, { level: 9 });
    return encoded[encoding];
  };

  return {
    version,
    async serve(req, res) {
      const headers: Record<string, string> = {
        ...assetSecurityHeaders,
        'Content-Type': options.contentType,
        'Cache-Control': `public, max-age=${maxAge}`,
        ETag: etag,
        Vary: 'Accept-Encoding',
      };
      if (req.header('if-none-match') === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const encoding = pickEncoding(req.header('accept-encoding'));
      const body = encoding ? await encode(encoding) : content;
      if (encoding) headers['Content-Encoding'] = encoding;
      headers['Content-Length'] = String(body.length);
      res.writeHead(200, headers);
      res.end(body);
    },
  };
}

function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = (acceptEncoding ?? '').split(',').map((part) => part.trim().split(';')[0]?.toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return undefined;
}
