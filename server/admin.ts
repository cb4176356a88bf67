import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openDatabase } from './db/open.ts';
import { readConfig } from './config.ts';
import { openConfiguredDatabase } from './db/connect.ts';
import { AppError } from './errors.ts';
import { audited, verifyAuditChain } from './audit/repository.ts';
import { findUserByEmail, setDisabled } from './users/repository.ts';
import { createUser } from './users/service.ts';
import { recomputeOutcomes } from './responses/recompute.ts';
import { purgeResponses } from './responses/retention.ts';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  migrate                          run pending migrations and load the reference data
  create-user --email E --role R [--operator CODE]
                                   create a user; the password is read from ADMIN_PASSWORD
                                   or, when it is unset, from standard input
  disable-user --email E           disable a user and end their sessions
  verify-audit                     check the audit log's hash chain; exit 1 at a broken link
  recompute-outcomes               rebuild every outcome verdict and count from the answers
  backup --to FILE                 embedded database only: write the whole database to FILE
                                   (a gzipped tarball; stop the server first)
  restore --from FILE              embedded database only: load FILE into an empty DATA_DIR
  purge-responses                  delete responses older than RETENTION_YEARS financial years,
                                   keeping each purged year's outcome figures, frozen

The database is the one the server uses (DATABASE_URL, or the embedded one in DATA_DIR).`;

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return input.split('\n')[0]!.trim();
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      operator: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
    },
    strict: true,
  });
  if (
    !command ||
    ![
      'migrate',
      'create-user',
      'disable-user',
      'verify-audit',
      'recompute-outcomes',
      'purge-responses',
      'backup',
      'restore',
    ].includes(command)
  ) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const config = readConfig();
  if (command === 'restore') return restore(config, values.from);
  const { db, close, dump } = await openConfiguredDatabase(config);
  try {
    switch (command) {
      case 'migrate':
        process.stdout.write('Database migrated and reference data loaded.\n');
        return 0;
      case 'create-user': {
        const role = values.role;
        if (!values.email || (role !== 'admin' && role !== 'swd' && role !== 'coordinator')) {
          process.stderr.write('create-user needs --email and --role admin|swd|coordinator\n');
          return 2;
        }
        const password = await readPassword();
        if (password.length < 12) {
          process.stderr.write('The password needs at least 12 characters.\n');
          return 2;
        }
        const id = await createUser(
          db,
          null,
          { email: values.email, password, role, operator: values.operator ?? null },
          config.passwordHashing,
        );
        process.stdout.write(`Created ${role} ${values.email} (${id}).\n`);
        return 0;
      }
      case 'disable-user': {
        const user = values.email ? await findUserByEmail(db, values.email) : undefined;
        if (!user) {
          process.stderr.write('No such user.\n');
          return 1;
        }
        await audited(db, null, async (trx) => ({
          result: await setDisabled(trx, user.id, true),
          event: {
            action: 'user_disabled',
            targetType: 'user',
            targetId: user.id,
            operatorId: user.operator_id,
            details: { by: 'command line' },
          },
        }));
        process.stdout.write(`Disabled ${values.email}.\n`);
        return 0;
      }
      case 'backup': {
        if (!dump || !values.to) {
          process.stderr.write(
            dump
              ? 'backup needs --to FILE\n'
              : 'backup is for the embedded database; back up PostgreSQL with pg_dump (README).\n',
          );
          return 2;
        }
        await writeFile(values.to, Buffer.from(await (await dump()).arrayBuffer()));
        process.stdout.write(`Backed up the embedded database to ${values.to}.\n`);
        return 0;
      }
      case 'purge-responses': {
        const { oldestKept, purged } = await purgeResponses(db, config.retentionYears);
        for (const p of purged)
          process.stdout.write(
            `${p.fiscalYear}-${String((p.fiscalYear + 1) % 100).padStart(2, '0')}: ${p.responses} responses purged, figures frozen.\n`,
          );
        process.stdout.write(
          `Responses from ${oldestKept}-04-01 on are kept (RETENTION_YEARS=${config.retentionYears}).\n`,
        );
        return 0;
      }
      case 'recompute-outcomes': {
        const { responses, verdicts } = await recomputeOutcomes(db);
        process.stdout.write(`Recomputed ${verdicts} verdicts from ${responses} responses.\n`);
        return 0;
      }
      case 'verify-audit': {
        const { broken, entries } = await verifyAuditChain(db);
        if (broken) {
          process.stdout.write(`Audit log broken at entry ${broken.seq}: ${broken.reason}.\n`);
          return 1;
        }
        process.stdout.write(`Audit log intact: ${entries} entries.\n`);
        return 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(
        `${error.message}${error.details ? ' ' + error.details.map((d) => d.message).join(' ') : ''}\n`,
      );
      return 1;
    }
    throw error;
  } finally {
    await close();
  }
}

/** Loads a backup into an empty DATA_DIR, then migrates it (a backup may be older than the code). */
async function restore(
  config: ReturnType<typeof readConfig>,
  from: string | undefined,
): Promise<number> {
  if (config.databaseUrl || !from) {
    process.stderr.write(
      config.databaseUrl
        ? 'restore is for the embedded database; restore PostgreSQL with pg_restore (README).\n'
        : 'restore needs --from FILE\n',
    );
    return 2;
  }
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
    process.stderr.write(`${config.dataDir} is not empty: restore into a new DATA_DIR.\n`);
    return 1;
  }
  const opened = await openDatabase({
    dataDir: config.dataDir,
    loadDataDir: new Blob([await readFile(from)]),
  });
  await opened.close();
  const { close } = await openConfiguredDatabase(config);
  await close();
  process.stdout.write(`Restored ${from} into ${config.dataDir}.\n`);
  return 0;
}

// Exit explicitly: an embedded database loaded from a backup can leave a handle open.
process.exit(await main(process.argv.slice(2)));
