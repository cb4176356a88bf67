import type { NetworkInterfaceInfo } from 'node:os';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

export function lanAddresses(interfaces?: Interfaces): string[];
export function addressNotice(options: {
  port: string | number;
  publicUrl: string | undefined;
  interfaces?: Interfaces;
}): string;
