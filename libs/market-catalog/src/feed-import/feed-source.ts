import { openOutboundStream, parseOutboundUrl } from '@loyalty/platform';
import { chunkedSource, FeedSource } from '../feed';

/** A source that counts the bytes read through it, for progress. */
export interface CountedFeedSource {
  source: FeedSource;
  totalBytes: number | null;
  bytesRead(): number;
}

function counted(chunks: FeedSource, totalBytes: number | null): CountedFeedSource {
  let read = 0;
  async function* source() {
    for await (const chunk of chunks) {
      read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  }
  return { source: source(), totalBytes, bytesRead: () => read };
}

/** Without a byte for this long, the fetch fails. */
const FETCH_TIMEOUT_MS = 60_000;

/** Uploaded content, handed to the reader in 64 KiB pieces as a download would be. */
export function contentSource(content: string): CountedFeedSource {
  const buffer = Buffer.from(content, 'utf8');
  return counted(chunkedSource(buffer), buffer.length);
}

/** A feed fetched over http(s), streamed; private addresses only when the operator allows them. */
export async function urlSource(text: string, allowPrivate: boolean): Promise<CountedFeedSource> {
  const response = await openOutboundStream(parseOutboundUrl(text), { allowPrivate, timeoutMs: FETCH_TIMEOUT_MS });
  return counted(response.body, response.contentLength);
}
