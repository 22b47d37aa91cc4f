// Reads a request body within its limits: for a push at most 2 MiB on the wire, gzip or not, and
// at most 2 MiB once unzipped, so neither a huge upload nor a zip bomb gets past this point.
// Other endpoints pass their own, smaller limit.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { MAX_PUSH_BYTES } from '../../domain/sync-protocol';

const gunzipAsync = promisify(gunzip);

/** Bytes a push may take on the wire, and once decompressed. */
export const MAX_BODY_BYTES = MAX_PUSH_BYTES * 2;

export type BodyText = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; error: string };

const tooLarge = (maxBytes: number): BodyText => ({
  ok: false,
  status: 413,
  error:
    maxBytes === MAX_BODY_BYTES
      ? `The body is larger than ${MAX_BODY_BYTES} bytes (compressed or not); send fewer mutations per push.`
      : `The body is larger than ${maxBytes} bytes, the most this endpoint takes.`,
});

/** The raw bytes, stopping as soon as they pass the limit. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer | undefined> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

function isTooLarge(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE';
}

/** The body as text, within `maxBytes` on the wire and unzipped (the push's limit unless told). */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyText> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    return { ok: false, status: 415, error: 'Send the body as plain JSON or with "Content-Encoding: gzip".' };
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return tooLarge(maxBytes);
  const raw = await readCapped(request.body, maxBytes);
  if (raw === undefined) return tooLarge(maxBytes);
  let bytes = raw;
  if (encoding === 'gzip') {
    try {
      bytes = await gunzipAsync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      if (isTooLarge(error)) return tooLarge(maxBytes);
      return { ok: false, status: 400, error: 'The body says it is gzip-compressed but is not valid gzip.' };
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, error: 'The body is not valid UTF-8 text.' };
  }
}
