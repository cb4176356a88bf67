// `npm start`: builds the client when needed, then runs the server (TypeScript through tsx).
import { spawn } from 'node:child_process';
import { ensureClientBuilt } from './client-build.mjs';

ensureClientBuilt();
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
