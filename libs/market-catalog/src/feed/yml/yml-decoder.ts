import { TextDecoder } from 'node:util';
import type { FeedChunk } from '../feed-record';

const XML_DECLARATION_ENCODING = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
const DECLARATION_END = 0x3e; // '>'
const DECLARATION_MAX_BYTES = 1024;

/**
 * Turns the bytes of an XML document into text for saxes, which reads strings only. The encoding
 * comes from the XML declaration (YML feeds are often `windows-1251`), UTF-8 when there is none;
 * bytes are held back until the declaration is complete, and multi-byte characters split between
 * chunks are carried over.
 */
export class XmlChunkDecoder {
  private decoder: TextDecoder | undefined;
  private head: Buffer | undefined;

  /** Throws ERR_ENCODING_NOT_SUPPORTED for an unknown encoding, ERR_ENCODING_INVALID_ENCODED_DATA for bad bytes. */
  decode(chunk: FeedChunk): string {
    if (typeof chunk === 'string') {
      return this.decoder === undefined && this.head === undefined ? chunk.replace(/^\uFEFF/, '') : chunk;
    }
    if (this.decoder === undefined) {
      const head = this.head ? Buffer.concat([this.head, chunk]) : Buffer.from(chunk);
      if (!head.includes(DECLARATION_END) && head.length < DECLARATION_MAX_BYTES) {
        this.head = head;
        return '';
      }
      this.head = undefined;
      return this.start(head).decode(head, { stream: true });
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    const head = this.head;
    this.head = undefined;
    if (head) {
      return this.start(head).decode(head);
    }
    return this.decoder?.decode() ?? '';
  }

  private start(head: Buffer): TextDecoder {
    const encoding = XML_DECLARATION_ENCODING.exec(head.toString('latin1'))?.[1] ?? 'utf-8';
    this.decoder = new TextDecoder(encoding, { fatal: true });
    return this.decoder;
  }
}
