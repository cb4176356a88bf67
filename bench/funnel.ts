// The funnel's arithmetic at territory scale (issue 16): the control limits and each point's
// position for 3,000 units (about 333 respondents each, 1,000,000 responses) and for 160
// operators (about 6,250 each). The counts come from the same query as GET /outcomes/table,
// which bench/outcomes.ts times on PostgreSQL; this times what the funnel adds to it.
//   npx tsx bench/funnel.ts
import { standardFigures } from '../server/domain/compute.ts';
import { funnelGrid, funnelLimits, funnelPosition } from '../server/domain/stats.ts';

const RUNS = 15;

function points(count: number, responses: number) {
  // A spread of sizes (a tenth to twice the mean) and of shares around 85%.
  return Array.from({ length: count }, (_, i) => {
    const respondents = Math.max(1, Math.round((responses / count) * (0.1 + (1.9 * i) / count)));
    const share = 0.85 + 0.1 * Math.sin(i * 7.3);
    return { agreed: Math.round(respondents * Math.min(1, share)), respondents, nonRespondents: 0 };
  });
}

function funnelOf(counts: ReturnType<typeof points>, target: number) {
  const largest = Math.max(...counts.map((c) => c.respondents));
  return {
    points: counts.map((c) => ({
      ...standardFigures(c, target * 100),
      position: funnelPosition(c.agreed, c.respondents, target),
    })),
    limits: funnelGrid(Math.ceil(largest * 1.1)).map((n) => funnelLimits(target, n)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [label, count] of [
  ['3,000 units', 3000],
  ['160 operators', 160],
] as const) {
  const counts = points(count, 1_000_000);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    funnelOf(counts, 0.85);
    times.push(performance.now() - start);
  }
  console.log(`funnel of ${label} over 1,000,000 responses: median ${median(times).toFixed(1)} ms`);
}
