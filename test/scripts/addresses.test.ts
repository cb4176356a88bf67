import type { NetworkInterfaceInfo } from 'node:os';
import { expect, test } from 'vitest';
import { addressNotice, lanAddresses } from '../../scripts/addresses.mjs';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

const office = {
  lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
  eth0: [entry('192.168.1.23', 'IPv4'), entry('fe80::1', 'IPv6')],
  wlan0: [entry('10.0.0.5', 'IPv4'), entry('169.254.3.4', 'IPv4')],
};

test('the addresses other devices can reach: IPv4, not loopback, not link-local', () => {
  expect(lanAddresses(office)).toEqual(['192.168.1.23', '10.0.0.5']);
});

test('without PUBLIC_URL, npm start says where the office can reach it and that tablets need PUBLIC_URL', () => {
  const said = addressNotice({ port: '8080', publicUrl: undefined, interfaces: office });
  expect(said).toContain('http://192.168.1.23:8080');
  expect(said).toContain('http://10.0.0.5:8080');
  expect(said).toContain('PUBLIC_URL=http://192.168.1.23:8080 npm start');
  expect(said).toMatch(/Tablets must be on the same network and open the address in PUBLIC_URL/);
  expect(said).not.toContain('127.0.0.1');
  expect(
    addressNotice({ port: '8080', publicUrl: undefined, interfaces: { lo: office.lo } }),
  ).toMatch(/no network address other devices can reach/);
  expect(
    addressNotice({ port: '8080', publicUrl: 'http://192.168.1.23:8080', interfaces: office }),
  ).toBe('');
});
