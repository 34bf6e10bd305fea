/**
 * Streaming input
 * ===============
 *
 * Files are read as streams, never whole: a 1 GB dump costs one chunk of memory at a time.
 * `.gz` inputs are decompressed on the fly. Text is decoded as UTF-8, or as UTF-16 (little or
 * big endian) when the file starts with a UTF-16 byte order mark or plainly is UTF-16 (every
 * other byte of ASCII text a NUL); `sniffEncoding` says which. The BOM is dropped and CRLF
 * line ends are read as LF (stray control characters are removed later, field by field, by
 * `cleanText`).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { ByteProgress } from './types.js';

/** The text encodings input files may have. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a file starting with `head` (raw bytes, decompressed): its byte order mark,
 * else UTF-16 when NUL bytes alternate with ASCII ones (UTF-16 text without a BOM), else UTF-8.
 */
export function sniffEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe && !(head[2] === 0 && head[3] === 0)) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.min(head.length >> 1, 256);
  if (pairs < 2) return 'utf-8';
  let even = 0;
  let odd = 0;
  for (let k = 0; k < pairs * 2; k += 2) {
    if (head[k] === 0 && head[k + 1] !== 0) even++;
    else if (head[k] !== 0 && head[k + 1] === 0) odd++;
  }
  if (odd >= pairs * 0.9) return 'utf-16le';
  if (even >= pairs * 0.9) return 'utf-16be';
  return 'utf-8';
}

/** Decodes a byte stream as `encoding`, split sequences across chunks included, BOM dropped. */
function decoder(encoding: TextEncoding): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      const out = text.decode(chunk, { stream: true });
      done(null, out || undefined);
    },
    flush(done) {
      const out = text.decode();
      done(null, out || undefined);
    },
  });
}

/**
 * A text stream of the file (gunzipped when it ends in `.gz`, decoded as `encoding`), reporting
 * raw bytes read.
 */
export function openText(file: string, onBytes?: ByteProgress, encoding: TextEncoding = 'utf-8'): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 16 });
  if (onBytes) {
    let read = 0;
    raw.on('data', (chunk: Buffer | string) => {
      read += chunk.length;
      onBytes(read);
    });
  }
  let bytes: Readable = raw;
  if (/\.gz$/i.test(file)) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    bytes = raw.pipe(gunzip);
  }
  if (encoding === 'utf-8') {
    bytes.setEncoding('utf8');
    return bytes;
  }
  const text = decoder(encoding);
  bytes.on('error', (error) => text.destroy(error));
  return bytes.pipe(text);
}

/** One line of a file: 1-based number and text without its line end. */
export interface Line {
  number: number;
  text: string;
  /** The line's full length, when it was longer than `maxLineChars` and `text` holds only its start. */
  length?: number;
}

/**
 * Streams the lines of a text stream. Handles LF, CRLF and lone CR line ends, and drops a
 * leading BOM. Only the current line is held in memory, and of a line longer than
 * `maxLineChars` only its start (its full length is given).
 */
export async function* readLines(stream: AsyncIterable<string | Buffer>, maxLineChars = Infinity): AsyncGenerator<Line> {
  let rest = '';
  let restLength = 0;
  let number = 0;
  let first = true;
  let pendingCr = false;
  const line = (tail: string): Line => {
    const length = restLength + tail.length;
    const text = rest.length + tail.length <= maxLineChars ? rest + tail : (rest + tail.slice(0, maxLineChars - rest.length));
    rest = '';
    restLength = 0;
    return length > maxLineChars ? { number: ++number, text, length } : { number: ++number, text };
  };
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
      yield line(chunk.slice(0, end));
      start = end + 1;
      while ((end = chunk.indexOf('\n', start)) >= 0) {
        yield line(chunk.slice(start, end));
        start = end + 1;
      }
    }
    const tail = chunk.slice(start);
    restLength += tail.length;
    if (rest.length < maxLineChars) rest += tail.length + rest.length > maxLineChars ? tail.slice(0, maxLineChars - rest.length) : tail;
  }
  if (restLength > 0) yield line('');
}

/** The first `bytes` bytes of a file (decompressed for `.gz`; empty when that fails). */
export async function peekBytes(file: string, bytes = 64 * 1024): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const head = buffer.subarray(0, bytesRead);
    if (!/\.gz$/i.test(file)) return head;
    try {
      return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut stream */ });
    } catch {
      return Buffer.alloc(0);
    }
  } finally {
    await handle.close();
  }
}

/** `head` (the start of a file) decoded as `encoding`, without its BOM. */
export function decodeHead(head: Uint8Array, encoding: TextEncoding = sniffEncoding(head)): string {
  // `stream: true` keeps a sequence cut by the end of the sample from becoming U+FFFD.
  return new TextDecoder(encoding).decode(head, { stream: true }).replace(/^\uFEFF/, '');
}

/** The first `bytes` bytes of a file as text (decompressed for `.gz`, decoded), for format sniffing. */
export async function peekText(file: string, bytes = 64 * 1024): Promise<string> {
  return decodeHead(await peekBytes(file, bytes));
}
