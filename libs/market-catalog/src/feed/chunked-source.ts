import type { FeedSource } from './feed-record';

/** A document in memory handed to a reader in pieces, as a download would arrive. */
export async function* chunkedSource(content: string | Buffer, chunkSize = 64 * 1024): FeedSource {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    yield bytes.subarray(offset, offset + chunkSize);
  }
}
