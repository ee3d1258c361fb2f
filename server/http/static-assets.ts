// The built client over HTTP: hashed assets (dist/client/assets/*, names change with their content) are cached
// for a year and marked immutable; index.html is revalidated on every load (no-cache), so a new build is picked
// up at once. Assets are sent brotli-compressed at the highest quality, compressed once in the background on
// first request and kept in memory (Phaser: 1.37 MB → about 0.28 MB); until then, and for everything else, the
// `compression` middleware compresses on the fly.
import compression from 'compression';
import express from 'express';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
/** One year, the longest lifetime RFC 9111 caches are expected to honour for immutable assets. */
const YEAR_SECONDS = 365 * 24 * 3600;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** On-the-fly compression for every response (JSON API, index.html, assets not yet precompressed). */
export function compressResponses(): express.RequestHandler {
  return compression({ threshold: 1024 });
}

export function serveClient(clientDir: string): express.Router {
  const router = express.Router();
  const assetsDir = join(clientDir, 'assets');
  const cache = new Map<string, Promise<Buffer | null>>();
  const ready = new Map<string, Buffer>();

  router.get(/^\/assets\/[^/]+$/, (req, res, next) => {
    const name = req.path.slice('/assets/'.length);
    const file = normalize(join(assetsDir, name));
    const type = TYPES[extname(name)];
    if (!file.startsWith(assetsDir + sep) || !type) { next(); return; }
    res.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
    res.setHeader('Vary', 'Accept-Encoding');
    const acceptsBr = /\bbr\b/.test(req.get('accept-encoding') ?? '');
    const done = ready.get(file);
    if (acceptsBr && done) {
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', 'br');
      res.setHeader('Content-Length', String(done.length));
      res.end(done);
      return;
    }
    if (acceptsBr && !cache.has(file)) {
      cache.set(file, readFile(file)
        .then((buf) => brotli(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }))
        .then((br) => { ready.set(file, br); return br; })
        .catch(() => null));
    }
    next();
  });

  router.use(express.static(clientDir, {
    index: 'index.html',
    setHeaders(res, path) {
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      else if (path.includes(`${sep}assets${sep}`)) res.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
      else res.setHeader('Cache-Control', 'public, max-age=3600');
    },
  }));
  return router;
}
