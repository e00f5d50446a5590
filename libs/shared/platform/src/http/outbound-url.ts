import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
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

/**
 * Refuses URLs whose host resolves to a private, loopback or link-local address unless the
 * operator allowed them (`ALLOW_PRIVATE_URLS`). Resolved right before each request, so a name that
 * later points inside the network is caught too.
 */
export async function assertPublicUrl(url: URL, allowPrivate: boolean, path = 'url'): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  if (addresses.some(isPrivateAddress)) {
    throw DomainError.invalid(path, `${url.hostname} is a private or loopback address`);
  }
}
