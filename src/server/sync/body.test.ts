// Reading a push body: limits hold even when the client does not say how long the body is.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readBodyText } from './body';

/** A request whose body arrives in chunks, with no Content-Length, as a chunked upload does. */
function streamed(chunks: readonly Uint8Array[], headers: Record<string, string> = {}): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  // Node needs `duplex` for a streamed body; its RequestInit type does not list it yet.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers, duplex: 'half' };
  return new Request('http://localhost/api/sync/push', init);
}

describe('readBodyText', () => {
  it('reads a plain body and a gzip body alike', async () => {
    expect(await readBodyText(streamed([Buffer.from('{"mutations":[]}')]))).toEqual({ ok: true, text: '{"mutations":[]}' });
    const zipped = streamed([gzipSync('{"mutations":[]}')], { 'content-encoding': 'gzip' });
    expect(await readBodyText(zipped)).toEqual({ ok: true, text: '{"mutations":[]}' });
  });

  it('stops reading a body without a length as soon as it passes the limit', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunks = Array.from({ length: MAX_BODY_BYTES / chunk.byteLength + 1 }, () => chunk);
    expect(await readBodyText(streamed(chunks))).toMatchObject({ ok: false, status: 413 });
  });

  it('takes a body of exactly the limit', async () => {
    const result = await readBodyText(streamed([Buffer.alloc(MAX_BODY_BYTES, 0x20)]));
    expect(result.ok).toBe(true);
  });

  it('refuses text that is not UTF-8', async () => {
    expect(await readBodyText(streamed([Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]))).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses an empty body that claims to be gzip', async () => {
    expect(await readBodyText(streamed([], { 'content-encoding': 'gzip' }))).toMatchObject({ ok: false, status: 400 });
  });
});
