import { lookup as lookupCallback, LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, LookupFunction } from 'node:net';
import { DomainError } from '@loyalty/kernel';

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2002::', 16],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateRanges.check(mapped[1], 'ipv4');
  return privateRanges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The URL if it is http(s); error 1 at `path` otherwise. Checked when a feed or hook is saved. */
export function parseOutboundUrl(text: string, path = 'url'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw DomainError.invalid(path, 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw DomainError.invalid(path, 'must be an http or https URL');
  return url;
}

function privateAddressError(host: string, path: string): DomainError {
  return DomainError.invalid(path, `${host} is a private or loopback address`);
}

/**
 * A DNS lookup for sockets that refuses private addresses: checked on the address the connection
 * will use, so a name that answers differently on a second lookup (DNS rebinding) is caught too.
 */
function publicOnlyLookup(path: string): LookupFunction {
  return (hostname, options, callback) => {
    lookupCallback(hostname, options as LookupOneOptions | LookupAllOptions, (error, address, family) => {
      if (error) return callback(error, '', 0);
      const addresses = Array.isArray(address) ? (address as LookupAddress[]).map((entry) => entry.address) : [address];
      if (addresses.some(isPrivateAddress)) return callback(privateAddressError(hostname, path), '', 0);
      (callback as (error: null, address: unknown, family?: number) => void)(null, address, family);
    });
  };
}

export interface OutboundResponse {
  body: IncomingMessage;
  contentLength: number | null;
}

/** The error for a URL whose host is a private or loopback address literal (when they are not allowed), or null. */
function refusedLiteralAddress(url: URL, allowPrivate: boolean, path: string): DomainError | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !allowPrivate && isIP(host) && isPrivateAddress(host) ? privateAddressError(url.hostname, path) : null;
}

/**
 * GETs an http(s) URL as a stream, with the address policy applied when the socket connects.
 * Redirects are not followed; a status other than 200 or a network failure is error 1 at `path`.
 */
export function openOutboundStream(
  url: URL,
  options: { allowPrivate: boolean; timeoutMs: number; path?: string },
): Promise<OutboundResponse> {
  const path = options.path ?? 'url';
  const refused = refusedLiteralAddress(url, options.allowPrivate, path);
  if (refused) return Promise.reject(refused);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'GET',
      timeout: options.timeoutMs,
      ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup(path) }),
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    outgoing.on('error', (error) =>
      reject(
        error instanceof DomainError ? error : DomainError.invalid(path, `could not be fetched: ${error.message}`),
      ),
    );
    outgoing.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(DomainError.invalid(path, `could not be fetched: HTTP ${response.statusCode}`));
        return;
      }
      const length = Number(response.headers['content-length']);
      resolve({ body: response, contentLength: Number.isFinite(length) && length > 0 ? length : null });
    });
    outgoing.end();
  });
}

/**
 * The address policy at save time (quality.md §5): a literal private, loopback or link-local
 * address, or a name that resolves only or partly to one, is error 1 at `path` unless private
 * addresses are allowed. A name that does not resolve now is accepted; the send-time check (the
 * socket's lookup) still applies, because DNS may change.
 */
export async function assertOutboundAddress(
  url: URL,
  options: { allowPrivate: boolean; path?: string },
): Promise<void> {
  if (options.allowPrivate) return;
  const path = options.path ?? 'url';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw privateAddressError(url.hostname, path);
    return;
  }
  const addresses = await new Promise<string[]>((resolve) =>
    lookupCallback(host, { all: true }, (error, found) =>
      resolve(error ? [] : (found as LookupAddress[]).map((entry) => entry.address)),
    ),
  );
  if (addresses.some(isPrivateAddress)) throw privateAddressError(url.hostname, path);
}

export interface OutboundPostResult {
  status: number;
}

/**
 * POSTs `body` to an http(s) URL with the address policy applied when the socket connects. Resolves
 * with the status once the answer's head arrives (the answer's body is read and dropped); rejects
 * when nothing answered within `timeoutMs`, on a network failure or on a refused address.
 * Redirects are not followed.
 */
export function postOutbound(
  url: URL,
  options: { body: string; headers: Record<string, string>; allowPrivate: boolean; timeoutMs: number; path?: string },
): Promise<OutboundPostResult> {
  const path = options.path ?? 'url';
  const refused = refusedLiteralAddress(url, options.allowPrivate, path);
  if (refused) return Promise.reject(refused);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(options.body, 'utf8');
    const outgoing = request(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(payload.length) },
      ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup(path) }),
    });
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.on('response', (response) => {
      clearTimeout(timer);
      response.resume();
      response.on('error', () => undefined);
      resolve({ status: response.statusCode ?? 0 });
    });
    outgoing.end(payload);
  });
}
