import { BlockList, isIP } from 'node:net';
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';

/** Addresses a webhook must never reach from a hosted engine: this machine, private networks, cloud metadata. */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including 169.254.169.254 metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach private IPv4
  ['fc00::', 7], // unique local, including fd00:ec2::254 metadata
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

export class DestinationRefused extends Error {
  override name = 'DestinationRefused';
}

/** The name did not resolve: possibly a passing DNS failure, so a delivery retries it. */
export class DestinationUnresolved extends Error {
  override name = 'DestinationUnresolved';
}

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

export interface DestinationGuard {
  /** Throws DestinationRefused when the URL may not receive deliveries. */
  check(url: string): Promise<void>;
  /** A DNS lookup for outgoing connections that refuses blocked addresses after resolution. */
  lookup: LookupFunction | undefined;
}

/** The guard for this engine: refuses non-http(s) always, private addresses unless allowed. */
export function destinationGuard(allowPrivate: boolean): DestinationGuard {
  const checkAddress = (host: string, address: string) => {
    if (!allowPrivate && isBlockedAddress(address)) {
      throw new DestinationRefused(`${host} resolves to ${address}, a private, loopback, link-local or metadata address`);
    }
  };
  return {
    async check(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new DestinationRefused(`${url} is not an absolute URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new DestinationRefused(`${parsed.protocol} URLs are not allowed; use http or https`);
      }
      if (allowPrivate) return;
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) return checkAddress(host, host);
      let addresses: LookupAddress[];
      try {
        addresses = await dns.lookup(host, { all: true });
      } catch (error) {
        throw new DestinationUnresolved(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`);
      }
      for (const { address } of addresses) checkAddress(host, address);
    },
    lookup: allowPrivate
      ? undefined
      : (hostname: string, options: LookupOptions, callback: Parameters<LookupFunction>[2]) => {
          dns.lookup(hostname, { ...options, all: true }).then(
            (addresses) => {
              const refused = addresses.find(({ address }) => isBlockedAddress(address));
              if (refused) {
                callback(new DestinationRefused(`${hostname} resolves to ${refused.address}, a private or loopback address`), '', 4);
              } else if (options.all) {
                (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
              } else {
                callback(null, addresses[0].address, addresses[0].family);
              }
            },
            (error: NodeJS.ErrnoException) => callback(error, '', 4),
          );
        },
  };
}
