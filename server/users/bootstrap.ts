import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../lib/log.ts';
import { countAdmins } from './repository.ts';
import { createUser } from './service.ts';

/** Creates BOOTSTRAP_ADMIN_* as an admin when the system has no enabled admin. */
export async function ensureBootstrapAdmin(db: Db, config: Config, log: Logger) {
  if (!config.bootstrapAdmin || (await countAdmins(db)) > 0) return;
  await createUser(db, null, { ...config.bootstrapAdmin, role: 'admin' }, config.passwordHashing);
  log.info('bootstrap admin created', { email: config.bootstrapAdmin.email });
}
