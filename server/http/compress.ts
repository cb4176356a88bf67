// Compression as the client accepts it: the built client's files are compressed once at build
// time (vite.config.ts writes .br and .gz beside them); the API's larger GET answers here.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, Next } from 'hono';

export type Encoding = 'br' | 'gzip';
export const ENCODING_SUFFIX: Readonly<Record<Encoding, string>> = { br: '.br', gzip: '.gz' };

/** Answers smaller than this go as they are: compressing them would save less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE_TYPE = /^(application\/(json|javascript|xml)|text\/|image\/svg\+xml)/i;

/** Of `available` (in order of preference), the first the request's Accept-Encoding allows. */
export function chooseEncoding(
  accept: string | undefined,
  available: readonly Encoding[] = ['br', 'gzip'],
): Encoding | undefined {
  if (!accept) return undefined;
  const weights = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) : 1);
  }
  return available.find((e) => (weights.get(e) ?? weights.get('*') ?? 0) > 0);
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Compresses the API's GET answers (JSON, CSV) over COMPRESS_MIN_BYTES, Brotli at a quality
 * fast enough per request, else gzip. Writes are left alone: the kiosk's submissions (POST) are
 * answered with a few bytes and must not wait for a compressor.
 */
export async function compressApi(c: Context, next: Next) {
  if (c.req.method !== 'GET') return next();
  await next();
  const res = c.res;
  const type = res.headers.get('content-type') ?? '';
  if (!res.body || res.headers.has('content-encoding') || !COMPRESSIBLE_TYPE.test(type)) return;
  res.headers.append('vary', 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  const length = Number(res.headers.get('content-length') ?? Infinity);
  if (!encoding || length < COMPRESS_MIN_BYTES) return;
  const body = new Uint8Array(await res.arrayBuffer());
  res.headers.delete('content-length'); // Hono copies the old answer's headers onto the new
  const packed =
    body.length < COMPRESS_MIN_BYTES
      ? undefined
      : encoding === 'br'
        ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : await gzipped(body, { level: 6 });
  c.res = new Response(packed ?? body, {
    status: res.status,
    headers: {
      'content-type': type,
      'content-length': String((packed ?? body).length),
      ...(packed ? { 'content-encoding': encoding } : {}),
    },
  });
}
