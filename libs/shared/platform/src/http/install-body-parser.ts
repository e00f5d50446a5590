import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainError } from '@loyalty/kernel';
import { bodyLimitFor, IMPORT_BODY_LIMIT } from './body-limits';
import { InvalidJsonBody, JsonValueError, parseJsonBody } from './json-body';

/**
 * Replaces Fastify's parsers with one lossless JSON parser. Only `application/json` is accepted
 * (anything else is 415). Size is checked first (413, before authentication); a body that is not
 * valid JSON becomes an InvalidJsonBody so that authentication still runs before the schema error.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { bodyLimit: IMPORT_BODY_LIMIT }, (request, payload, done) => {
    readBody(request, payload)
      .then((text) => done(null, toBody(text)))
      .catch((error: unknown) => done(error as Error, undefined));
  });
  fastify.addContentTypeParser('*', (_request, _payload, done) => {
    done(
      new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be JSON (Content-Type: application/json)'),
      undefined,
    );
  });
}

function toBody(text: string): unknown {
  try {
    return parseJsonBody(text);
  } catch (error) {
    if (error instanceof JsonValueError) return new InvalidJsonBody(error.message, error.path);
    return new InvalidJsonBody(`Malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function tooLarge(limit: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit / (1024 * 1024)} MB`, {
    limit_bytes: limit,
  });
}

/** Past this many bytes an oversized body is not drained any more: the connection is simply closed. */
const DRAIN_CAP = 64 * 1024 * 1024;

/**
 * Reads the body as UTF-8 text up to the limit of the URL. An oversized body is read to its end
 * and dropped before the 413 goes out (up to DRAIN_CAP), so that a client still uploading gets the
 * answer instead of a broken pipe.
 */
function readBody(request: FastifyRequest, payload: Readable): Promise<string> {
  const limit = bodyLimitFor(request.url);
  const declared = Number(request.headers['content-length'] ?? NaN);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let oversized = declared > limit;
    if (declared > DRAIN_CAP) {
      reject(tooLarge(limit));
      return;
    }
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) oversized = true;
      if (oversized) {
        chunks.length = 0;
        if (size > DRAIN_CAP) {
          payload.removeAllListeners('data');
          reject(tooLarge(limit));
        }
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => (oversized ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    payload.on('error', reject);
  });
}
