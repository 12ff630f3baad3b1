// Which addresses the local server's http and mcp tools may reach. A request names a URL; the address
// decides. Host names are resolved first and every address they resolve to is checked, and the
// connection then goes to a checked address, so a name cannot point somewhere else between the check
// and the connection.
import { lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";

/**
 * Which addresses tools may reach:
 * - `public-and-loopback` (the default): public addresses and this machine, never private networks;
 * - `loopback-only`: this machine only (127.0.0.0/8, ::1);
 * - `public-only`: public addresses only, as a hosted service sees the internet;
 * - `any`: everything, private networks included.
 */
export type ToolNetwork = "public-and-loopback" | "loopback-only" | "public-only" | "any";

/** Every {@link ToolNetwork} value. */
export const TOOL_NETWORKS: readonly ToolNetwork[] = [
  "public-and-loopback",
  "loopback-only",
  "public-only",
  "any",
];

/** The default {@link ToolNetwork}. */
export const DEFAULT_TOOL_NETWORK: ToolNetwork = "public-and-loopback";

/** What an IP address is, for the policy. */
export type AddressClass = "loopback" | "private" | "public";

/** Resolves a host name to its addresses. */
export type ResolveHost = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

/** A tool call refused because of where it would go; the message names the address and the option. */
export class ToolNetworkError extends Error {
  override readonly name = "ToolNetworkError";
}

type Range = { bytes: number[]; bits: number; label: string };

type RangeEntry = readonly [address: string, bits: number, label: string];

// Ranges that are not the public internet: RFC 6890 special-purpose registries, plus multicast. Parsed at
// the first address classified: node:net's isIP compiles its IPv6 pattern at its first call (about 10 ms),
// which a run's process, loading this module with its config, would otherwise pay before its workers start.
const V4_RANGES: readonly RangeEntry[] = [
  ["127.0.0.0", 8, "loopback"],
  ["0.0.0.0", 8, "this network"],
  ["10.0.0.0", 8, "private network"],
  ["100.64.0.0", 10, "shared address space"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private network"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private network"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const V6_RANGES: readonly RangeEntry[] = [
  ["::1", 128, "loopback"],
  ["::", 128, "unspecified"],
  ["64:ff9b:1::", 48, "local-use NAT64"],
  ["100::", 64, "discard-only"],
  ["2001::", 23, "IETF protocol assignments"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

const parseRanges = (entries: readonly RangeEntry[], parse: (address: string) => number[] | undefined) =>
  entries.map(([address, bits, label]): Range => ({ bytes: parse(address)!, bits, label }));

let ranges: { v4: readonly Range[]; v6: readonly Range[] } | undefined;

/**
 * Classifies an IP address: loopback, private (any range that is not the public internet, with the
 * range's name), or public. An IPv6 address that carries an IPv4 address is classified as the IPv4
 * address it carries, in every form: IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated
 * `::ffff:0:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` and 6to4 `2002:AABB:CCDD::`.
 * Teredo (`2001::/32`) stays in the IETF protocol assignments range, which is private.
 *
 * @example
 * classifyAddress("10.1.2.3"); // { kind: "private", range: "private network" }
 * classifyAddress("::ffff:0:7f00:1"); // { kind: "loopback" }
 */
export function classifyAddress(address: string): { kind: AddressClass; range?: string } {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = parseV4(bare);
  ranges ??= { v4: parseRanges(V4_RANGES, parseV4), v6: parseRanges(V6_RANGES, parseV6) };
  if (v4 !== undefined) return classifyBytes(v4, ranges.v4);
  const v6 = parseV6(bare);
  if (v6 === undefined) throw new TypeError(`classifyAddress: not an IP address: ${JSON.stringify(address)}`);
  const carried = embeddedV4(v6);
  return carried === undefined ? classifyBytes(v6, ranges.v6) : classifyBytes(carried, ranges.v4);
}

/** The IPv4 address an IPv6 address carries, in any of the forms {@link classifyAddress} names. */
function embeddedV4(v6: readonly number[]): number[] | undefined {
  const zeros = (from: number, to: number) => v6.slice(from, to).every((byte) => byte === 0);
  const last = v6.slice(12, 16);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated).
  if (zeros(0, 10) && v6[10] === 0xff && v6[11] === 0xff) return last;
  if (zeros(0, 8) && v6[8] === 0xff && v6[9] === 0xff && zeros(10, 12)) return last;
  // ::a.b.c.d (compatible), except :: and ::1, which are IPv6's own.
  if (zeros(0, 12) && !(zeros(12, 15) && (v6[15] ?? 0) <= 1)) return last;
  if (startsWith(v6, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return last;
  if (v6[0] === 0x20 && v6[1] === 0x02) return v6.slice(2, 6);
  return undefined;
}

/** Whether `network` lets a tool reach `address`; when not, why, in a sentence naming the option. */
export function checkAddress(
  address: string,
  network: ToolNetwork,
): { allowed: true } | { allowed: false; reason: string } {
  const { kind, range } = classifyAddress(address);
  const allowed =
    network === "any" ||
    (network === "public-and-loopback" && kind !== "private") ||
    (network === "public-only" && kind === "public") ||
    (network === "loopback-only" && kind === "loopback");
  if (allowed) return { allowed: true };
  const label = kind === "private" ? (range ?? "private") : kind;
  const what = `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label} address`;
  return {
    allowed: false,
    reason: `${address} is ${what}, which toolNetwork "${network}" does not allow`,
  };
}

/** Reads a {@link ToolNetwork} option, throwing a RangeError that names `where` on anything else. */
export function readToolNetwork(value: unknown, where: string): ToolNetwork {
  if ((TOOL_NETWORKS as readonly unknown[]).includes(value)) return value as ToolNetwork;
  throw new RangeError(
    `${where} must be one of ${TOOL_NETWORKS.map((item) => `"${item}"`).join(", ")}, got ${JSON.stringify(value)}`,
  );
}

/** The system resolver, every address of a name, in the system's order. */
export const systemResolveHost: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });

/**
 * Resolves a URL's host (an IP literal resolves to itself) and checks every address against the
 * policy; throws {@link ToolNetworkError} when one is refused, naming the host, the address and how to
 * allow it.
 */
export async function resolveAllowedAddresses(
  hostname: string,
  network: ToolNetwork,
  resolveHost: ResolveHost = systemResolveHost,
): Promise<{ address: string; family: number }[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  const addresses = family !== 0 ? [{ address: bare, family }] : [...(await resolveHost(bare))];
  if (addresses.length === 0) throw new ToolNetworkError(`${bare} resolves to no address`);
  for (const { address } of addresses) {
    const verdict = checkAddress(address, network);
    if (!verdict.allowed) {
      const via = family !== 0 ? "" : `${bare} resolves to `;
      throw new ToolNetworkError(
        `refused to call ${via}${verdict.reason}; start the local server with toolNetwork: "any" (or set MAESTRO_EVAL_TOOL_NETWORK=any) to allow it`,
      );
    }
  }
  return addresses;
}

function classifyBytes(
  bytes: readonly number[],
  ranges: readonly Range[],
): { kind: AddressClass; range?: string } {
  for (const range of ranges) {
    if (inRange(bytes, range)) {
      return range.label === "loopback" ? { kind: "loopback" } : { kind: "private", range: range.label };
    }
  }
  return { kind: "public" };
}

function inRange(bytes: readonly number[], range: Range): boolean {
  let bits = range.bits;
  for (let index = 0; bits > 0; index += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[index] ?? 0) & mask) !== ((range.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

function startsWith(bytes: readonly number[], prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function parseV4(address: string): number[] | undefined {
  if (isIP(address) !== 4) return undefined;
  return address.split(".").map(Number);
}

function parseV6(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase();
  // A trailing dotted IPv4 ("::ffff:127.0.0.1") becomes two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}
