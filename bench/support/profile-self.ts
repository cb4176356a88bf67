// Self time by function in the CPU profiles bench/support/cpu-ab.ts --profile wrote, in µs per
// response, side by side for each checkout, largest first. Only samples inside the measured runs
// count; a sample's interval is capped at 1.5 ms, since on a loaded machine the sample after a
// spell without the CPU would otherwise carry the whole spell.
//   npx tsx bench/support/profile-self.ts <profile dir>/0-old <profile dir>/1-new … [--top 40]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const TOP = topAt === -1 ? 40 : Number(args.splice(topAt, 2)[1]);

/** The function's name and where it is, shortened to the package or the repository's path. */
function place({ functionName, url }: ProfileNode['callFrame']) {
  const where = url.includes('node_modules/')
    ? url.split('node_modules/').pop()!
    : url.replace(/^file:\/\/.*?\/(server|bench|test)\//, '$1/');
  return `${functionName || '(anonymous)'} ${where}`;
}

function selfTimes(dir: string) {
  // The main thread's profile is the largest (tsx's loader thread writes a smaller one).
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const { sent, windows } = JSON.parse(readFileSync(path.join(dir, 'responses.json'), 'utf8')) as {
    sent: number;
    windows: [number, number][];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, place(n.callFrame)]));
  const times = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    if (!windows.some(([from, to]) => from <= at && at <= to)) return;
    const key = byId.get(id)!;
    times.set(key, (times.get(key) ?? 0) + Math.min(profile.timeDeltas[i]!, 1500) / sent);
  });
  return times;
}

const all = args.map(selfTimes);
const busy = all.map((t) =>
  [...t].filter(([k]) => !k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0),
);
console.log(
  `busy µs per response: ${args.map((a, i) => `${path.basename(a)} ${busy[i]!.toFixed(1)}`).join(', ')}`,
);
const keys = [...new Set(all.flatMap((t) => [...t.keys()]))].filter((k) => !k.startsWith('(idle)'));
keys.sort(
  (a, b) => Math.max(...all.map((t) => t.get(b) ?? 0)) - Math.max(...all.map((t) => t.get(a) ?? 0)),
);
for (const key of keys.slice(0, TOP))
  console.log(`${all.map((t) => (t.get(key) ?? 0).toFixed(2).padStart(8)).join('')}  ${key}`);
