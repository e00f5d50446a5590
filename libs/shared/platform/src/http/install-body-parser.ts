import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainError } from '@loyalty/kernel';
import { bodyLimitFor, IMPORT_BODY_LIMIT } from './body-limits';
import { InvalidJsonBody, JsonNumberError, parseJsonBody } from './json-body';

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
    if (error instanceof JsonNumberError) return new InvalidJsonBody(error.message, error.path);
    return new InvalidJsonBody(`Malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function tooLarge(limit: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit / (1024 * 1024)} MB`, {
    limit_bytes: limit,
  });
}

function readBody(request: FastifyRequest, payload: Readable): Promise<string> {
  const limit = bodyLimitFor(request.url);
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) {
    payload.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        payload.removeAllListeners('data');
        payload.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    payload.on('error', reject);
  });
}
