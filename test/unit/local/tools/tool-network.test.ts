import { describe, expect, test } from "vitest";
import {
  checkAddress,
  classifyAddress,
  createGuardedFetch,
  readToolNetwork,
  resolveAllowedAddresses,
  type ToolNetwork,
  ToolNetworkError,
} from "../../../../src/local/tools/index.js";

describe("classifyAddress", () => {
  test.each<[string, string]>([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["10.1.2.3", "private network"],
    ["172.16.0.1", "private network"],
    ["172.31.255.255", "private network"],
    ["192.168.1.1", "private network"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "shared address space"],
    ["0.0.0.0", "this network"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "documentation"],
    ["::", "unspecified"],
    ["fd00::1", "unique local"],
    ["fc12:3456::1", "unique local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["::ffff:10.0.0.1", "private network"],
    ["64:ff9b::a00:1", "private network"],
    ["2002:c0a8:101::1", "private network"],
    ["172.32.0.1", "public"],
    ["8.8.8.8", "public"],
    ["100.128.0.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["64:ff9b::808:808", "public"],
  ])("%s is %s", (address, expected) => {
    const { kind, range } = classifyAddress(address);
    expect(kind === "private" ? range : kind).toBe(expected);
  });

  // Every IPv6 form that carries an IPv4 address, classified as the IPv4 address it carries.
  test.each<[string, string, string]>([
    // form, address, class of the IPv4 it carries
    ["mapped", "::ffff:127.0.0.1", "loopback"],
    ["mapped, bracketed", "[::ffff:127.0.0.1]", "loopback"],
    ["mapped, hex", "::ffff:a9fe:a9fe", "link-local"],
    ["mapped", "::ffff:8.8.8.8", "public"],
    ["translated", "::ffff:0:7f00:1", "loopback"],
    ["translated", "::ffff:0:10.0.0.1", "private network"],
    ["translated", "::ffff:0:808:808", "public"],
    ["compatible", "::a00:1", "private network"],
    ["compatible", "::a9fe:a9fe", "link-local"],
    ["compatible", "::127.0.0.1", "loopback"],
    ["compatible", "::c0a8:101", "private network"],
    ["compatible", "::2", "this network"],
    ["compatible", "::808:808", "public"],
    ["NAT64", "64:ff9b::7f00:1", "loopback"],
    ["NAT64", "64:ff9b::169.254.169.254", "link-local"],
    ["NAT64", "64:ff9b::8.8.8.8", "public"],
    ["6to4", "2002:7f00:1::1", "loopback"],
    ["6to4", "2002:a9fe:a9fe::1", "link-local"],
    ["6to4", "2002:808:808::1", "public"],
    ["Teredo (not unwrapped)", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "IETF protocol assignments"],
    ["IPv6 loopback, not compatible", "::1", "loopback"],
    ["IPv6 unspecified, not compatible", "::", "unspecified"],
  ])("%s %s is %s", (_, address, expected) => {
    const { kind, range } = classifyAddress(address);
    expect(kind === "private" ? range : kind).toBe(expected);
  });

  test("a host name is not an address", () => {
    expect(() => classifyAddress("example.com")).toThrow(
      new TypeError('classifyAddress: not an IP address: "example.com"'),
    );
  });
});

describe("checkAddress", () => {
  const table: [ToolNetwork, string, string, string][] = [
    // network, loopback, private, public
    ["public-and-loopback", "yes", "no", "yes"],
    ["loopback-only", "yes", "no", "no"],
    ["public-only", "no", "no", "yes"],
    ["any", "yes", "yes", "yes"],
  ];
  test.each(table)("%s: loopback %s, private %s, public %s", (network, loopback, privateNet, publicNet) => {
    expect(checkAddress("127.0.0.1", network).allowed).toBe(loopback === "yes");
    expect(checkAddress("10.0.0.1", network).allowed).toBe(privateNet === "yes");
    expect(checkAddress("93.184.216.34", network).allowed).toBe(publicNet === "yes");
  });

  test("an address that carries an IPv4 address is allowed or refused as that IPv4 address", () => {
    expect(checkAddress("::ffff:127.0.0.1", "public-and-loopback").allowed).toBe(true);
    expect(checkAddress("::ffff:127.0.0.1", "public-only").allowed).toBe(false);
    expect(checkAddress("::a9fe:a9fe", "public-and-loopback")).toEqual({
      allowed: false,
      reason: '::a9fe:a9fe is a link-local address, which toolNetwork "public-and-loopback" does not allow',
    });
    expect(checkAddress("2002:a00:1::1", "public-only").allowed).toBe(false);
  });

  test("the reason names the address, its range and the option", () => {
    expect(checkAddress("169.254.169.254", "public-and-loopback")).toEqual({
      allowed: false,
      reason:
        '169.254.169.254 is a link-local address, which toolNetwork "public-and-loopback" does not allow',
    });
    expect(checkAddress("::1", "public-only")).toEqual({
      allowed: false,
      reason: '::1 is a loopback address, which toolNetwork "public-only" does not allow',
    });
  });

  test("readToolNetwork names the option on a bad value", () => {
    expect(readToolNetwork("any", "x")).toBe("any");
    expect(() => readToolNetwork("private", "startLocalServer: toolNetwork")).toThrow(
      new RangeError(
        'startLocalServer: toolNetwork must be one of "public-and-loopback", "loopback-only", "public-only", "any", got "private"',
      ),
    );
  });
});

describe("resolveAllowedAddresses", () => {
  const resolver = (table: Record<string, string[]>) => async (hostname: string) => {
    const addresses = table[hostname];
    if (addresses === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

  test("a name is resolved before deciding, and every address it resolves to is checked", async () => {
    const resolveHost = resolver({
      "tools.example": ["93.184.216.34"],
      "internal.example": ["10.1.2.3"],
      "mixed.example": ["93.184.216.34", "192.168.0.7"],
    });
    await expect(resolveAllowedAddresses("tools.example", "public-only", resolveHost)).resolves.toEqual([
      { address: "93.184.216.34", family: 4 },
    ]);
    await expect(
      resolveAllowedAddresses("internal.example", "public-and-loopback", resolveHost),
    ).rejects.toThrow(
      new ToolNetworkError(
        'refused to call internal.example resolves to 10.1.2.3 is a private network address, which toolNetwork "public-and-loopback" does not allow; start the local server with toolNetwork: "any" (or set MAESTRO_EVAL_TOOL_NETWORK=any) to allow it',
      ),
    );
    await expect(resolveAllowedAddresses("mixed.example", "public-only", resolveHost)).rejects.toThrow(
      /192\.168\.0\.7/,
    );
    await expect(resolveAllowedAddresses("internal.example", "any", resolveHost)).resolves.toHaveLength(1);
  });

  test("localhost resolves (with the system resolver) to loopback", async () => {
    await expect(resolveAllowedAddresses("localhost", "loopback-only")).resolves.not.toHaveLength(0);
    await expect(resolveAllowedAddresses("localhost", "public-only")).rejects.toThrow(ToolNetworkError);
  });

  test("the guarded fetch refuses before connecting, and refuses other schemes", async () => {
    const fetch = createGuardedFetch({ network: "public-only" });
    await expect(fetch("http://127.0.0.1:9/x")).rejects.toThrow(
      'refused to call 127.0.0.1 is a loopback address, which toolNetwork "public-only" does not allow',
    );
    await expect(fetch("file:///etc/passwd")).rejects.toThrow(
      new ToolNetworkError("only http and https URLs can be called, got file"),
    );
  });
});
