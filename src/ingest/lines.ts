/**
 * Streaming input
 * ===============
 *
 * Files are read as streams, never whole: a 1 GB dump costs one chunk of memory at a time.
 * `.gz` inputs are decompressed on the fly. The UTF-8 BOM is dropped and CRLF line ends are
 * read as LF (stray control characters are removed later, field by field, by `cleanText`).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { ByteProgress } from './types.js';

/** A text stream of the file (gunzipped when it ends in `.gz`), reporting raw bytes read. */
export function openText(file: string, onBytes?: ByteProgress): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 16 });
  if (onBytes) {
    let read = 0;
    raw.on('data', (chunk: Buffer | string) => {
      read += chunk.length;
      onBytes(read);
    });
  }
  if (!/\.gz$/i.test(file)) {
    raw.setEncoding('utf8');
    return raw;
  }
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  gunzip.setEncoding('utf8');
  return gunzip;
}

/** One line of a file: 1-based number and text without its line end. */
export interface Line {
  number: number;
  text: string;
}

/**
 * Streams the lines of a text stream. Handles LF, CRLF and lone CR line ends, and drops a
 * leading BOM. Only the current line is held in memory.
 */
export async function* readLines(stream: AsyncIterable<string | Buffer>): AsyncGenerator<Line> {
  let rest = '';
  let number = 0;
  let first = true;
  let pendingCr = false;
  for await (const piece of stream) {
    let chunk = typeof piece === 'string' ? piece : piece.toString('utf8');
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    // A CRLF split across two chunks: the LF was already counted with the CR.
    if (pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    pendingCr = chunk.endsWith('\r');
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n');
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end >= 0) {
      yield { number: ++number, text: rest + chunk.slice(0, end) };
      rest = '';
      start = end + 1;
      while ((end = chunk.indexOf('\n', start)) >= 0) {
        yield { number: ++number, text: chunk.slice(start, end) };
        start = end + 1;
      }
    }
    rest += chunk.slice(start);
  }
  if (rest.length > 0) yield { number: ++number, text: rest };
}

/** The first `bytes` bytes of a file as text (decompressed for `.gz`), for format sniffing. */
export async function peekText(file: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    let head = buffer.subarray(0, bytesRead);
    if (/\.gz$/i.test(file)) {
      try {
        head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut stream */ });
      } catch {
        return '';
      }
    }
    return head.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}
