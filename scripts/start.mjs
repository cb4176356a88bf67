// `npm start`: builds the client when needed, then runs the server (TypeScript through tsx).
import { spawn } from 'node:child_process';
import { addressNotice } from './addresses.mjs';
import { ensureClientBuilt } from './client-build.mjs';

ensureClientBuilt();
const notice = addressNotice({
  port: process.env.PORT || '8080',
  publicUrl: process.env.PUBLIC_URL,
});
if (notice) console.log(notice);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
