import type { FeedChunk, FeedRecord, FeedSource } from '../feed-record';
import { XmlChunkDecoder } from './yml-decoder';
import { YmlDocument } from './yml-document';

/**
 * Reads a YML (Yandex Market Language) feed chunk by chunk and yields its categories and items in
 * document order; see FEEDS.md for the mapping. Throws a FeedFormatError at the first problem,
 * after yielding every record completed before it.
 */
export async function* readYmlFeed(source: FeedSource): AsyncGenerator<FeedRecord, void, undefined> {
  const decoder = new XmlChunkDecoder();
  const document = new YmlDocument();
  for await (const chunk of source) {
    yield* settle(document, () => document.write(decode(decoder, document, chunk)));
  }
  yield* settle(document, () => {
    document.write(decode(decoder, document, null));
    document.end();
  });
}

/** Runs one step, then hands out the records it completed even when it failed, then the failure. */
function* settle(document: YmlDocument, step: () => void): Generator<FeedRecord, void, undefined> {
  let failure: { error: unknown } | undefined;
  try {
    step();
  } catch (error) {
    failure = { error };
  }
  yield* document.takeRecords();
  if (failure) {
    throw failure.error;
  }
}

function decode(decoder: XmlChunkDecoder, document: YmlDocument, chunk: FeedChunk | null): string {
  try {
    return chunk === null ? decoder.end() : decoder.decode(chunk);
  } catch (error) {
    switch ((error as { code?: unknown }).code) {
      case 'ERR_ENCODING_NOT_SUPPORTED':
        throw document.failure(`unsupported encoding: ${(error as Error).message}`);
      case 'ERR_ENCODING_INVALID_ENCODED_DATA':
        throw document.failure('the bytes are not valid in the declared encoding');
      default:
        throw error;
    }
  }
}
