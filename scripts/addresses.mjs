// Where people on the office network can reach the server, for `npm start` to say when
// PUBLIC_URL is unset (the default, http://localhost:PORT, works on this machine only).
import { networkInterfaces } from 'node:os';

/** The machine's IPv4 addresses other devices can reach (not loopback, not link-local). */
export function lanAddresses(interfaces = networkInterfaces()) {
  const found = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      const v4 = entry.family === 'IPv4' || entry.family === 4;
      if (!v4 || entry.internal || entry.address.startsWith('169.254.')) continue;
      if (!found.includes(entry.address)) found.push(entry.address);
    }
  }
  return found;
}

/** What `npm start` prints about the addresses: nothing when PUBLIC_URL is set. */
export function addressNotice({ port, publicUrl, interfaces = networkInterfaces() }) {
  if (publicUrl) return '';
  const urls = lanAddresses(interfaces).map((address) => `http://${address}:${port}`);
  const lines = [
    '',
    'PUBLIC_URL is not set, so the app works only at http://localhost:' +
      port +
      ' on this computer:',
    'QR codes point at localhost, and signing in from any other address is refused.',
  ];
  if (urls.length) {
    lines.push(
      'Other computers and tablets on the same network can reach this computer at:',
      ...urls.map((url) => `  ${url}`),
      'To run the product for an office, start it with the address people will use, e.g.',
      `  PUBLIC_URL=${urls[0]} npm start`,
    );
  } else {
    lines.push(
      'This computer has no network address other devices can reach: connect it to the office',
      'network, then start with PUBLIC_URL=http://<its address>:' + port + ' npm start',
    );
  }
  lines.push('Tablets must be on the same network and open the address in PUBLIC_URL.', '');
  return lines.join('\n');
}
