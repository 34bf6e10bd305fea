import { describe, expect, it } from 'vitest';
import { isAllowedHost, parseHostHeader } from '../../src/viewer/index.js';

const loopback = { address: '127.0.0.1', port: 5170, allowedHosts: [] };
const everywhere = { address: '0.0.0.0', port: 5170, allowedHosts: ['mybox.local'] };
const v6 = { address: '::1', port: 8080, allowedHosts: [] };

describe('isAllowedHost', () => {
  it.each([
    ['127.0.0.1:5170', loopback, true],
    ['localhost:5170', loopback, true],
    ['[::1]:5170', loopback, true],
    ['Localhost.:5170', loopback, true],
    ['127.0.0.1', loopback, false],
    ['127.0.0.1:5171', loopback, false],
    ['evil.example:5170', loopback, false],
    ['localhost.evil.example:5170', loopback, false],
    ['127.0.0.1:5170@evil.example', loopback, false],
    ['', loopback, false],
    [undefined, loopback, false],
    ['192.168.1.20:5170', loopback, false],
    ['192.168.1.20:5170', everywhere, true],
    ['[fe80::1]:5170', everywhere, true],
    ['mybox.local:5170', everywhere, true],
    ['rebound.example:5170', everywhere, false],
    ['[::1]:8080', v6, true],
    ['localhost:8080', v6, true],
  ] as const)('%j for %o: %s', (header, policy, allowed) => {
    expect(isAllowedHost(header, policy)).toBe(allowed);
  });
});

describe('parseHostHeader', () => {
  it.each([
    ['example.org', { name: 'example.org' }],
    ['Example.ORG:8080', { name: 'example.org', port: 8080 }],
    ['[::1]:80', { name: '::1', port: 80 }],
    ['a b', undefined],
    ['host:port', undefined],
    ['[::1', undefined],
  ])('%j → %o', (header, parsed) => {
    expect(parseHostHeader(header)).toEqual(parsed);
  });
});
