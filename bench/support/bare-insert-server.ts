// The baseline bench/throughput.ts compares against: SurveyJS's sample backend stores a result
// with one bare INSERT, no validation, no idempotency, no verdicts. This is that on node:http
// (lighter than the sample's Express), with the same pool size as our server.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  'create table if not exists bare_results (id uuid primary key, json jsonb not null)',
);

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { id: string };
    pool.query('insert into bare_results (id, json) values ($1, $2)', [body.id, body]).then(
      () => res.writeHead(201, { 'content-type': 'application/json' }).end(`{"id":"${body.id}"}`),
      () => res.writeHead(500).end(),
    );
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('serving at'));
