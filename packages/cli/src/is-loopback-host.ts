import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether binding to this host keeps the server reachable from this machine only:
 * `localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). Every other name or
 * address, `0.0.0.0` and `::` included, may be reachable from the network.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost') return true;
  if (isIPv4(lower)) return lower.startsWith('127.');
  if (isIPv6(lower)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
    if (mapped !== undefined) return isIPv4(mapped) && mapped.startsWith('127.');
    return /^(0{0,4}:){1,7}0{0,3}1$/.test(lower) || lower === '::1';
  }
  return false;
}
