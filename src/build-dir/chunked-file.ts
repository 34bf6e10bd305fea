/**
 * Large text files, piece by piece
 * ================================
 *
 * Build outputs (graph.json, papers.jsonl, viewer-data.json) of a large corpus are longer than
 * one JavaScript string can be, and building them whole would hold a second copy of the data.
 * They are produced as pieces and written in blocks.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes text pieces to `path`, joined into blocks of about `blockSize` characters. Blocks stay
 * below V8's large-object size, so each is freed by the young generation's cheap collections
 * (megabyte blocks live in large-object space until a full collection and pile up).
 */
export async function writeChunks(path: string, chunks: Iterable<string>, blockSize = 1 << 15): Promise<void> {
  function* blocks(): Generator<string> {
    let block: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      block.push(chunk);
      size += chunk.length;
      if (size >= blockSize) {
        yield block.join('');
        block = [];
        size = 0;
      }
    }
    if (block.length) yield block.join('');
  }
  await pipeline(Readable.from(blocks()), createWriteStream(path));
}

/**
 * The pieces of `JSON.stringify(value)` for an object whose long arrays are written a slice at
 * a time (same bytes): a large viewer file's mention list never becomes one string.
 */
export function* jsonChunks(value: Record<string, unknown>, slice = 4096): Generator<string> {
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    const text = Array.isArray(item) ? undefined : JSON.stringify(item);
    if (!Array.isArray(item) && text === undefined) continue; // as JSON.stringify skips it
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(item)) {
      yield text!;
      continue;
    }
    yield '[';
    for (let i = 0; i < item.length; i += slice) {
      const part = JSON.stringify(item.slice(i, i + slice));
      yield `${i > 0 ? ',' : ''}${part.slice(1, -1)}`;
    }
    yield ']';
  }
  yield first ? '{}' : '}';
}
