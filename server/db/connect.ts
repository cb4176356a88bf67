import type { Config } from '../config.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabase, type OpenDatabase } from './open.ts';
import { loadReferenceData, readReferenceData } from '../programmes/reference.ts';

/** Opens the configured database, migrates it and loads the reference data. */
export async function openConfiguredDatabase(config: Config): Promise<OpenDatabase> {
  const opened = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    await migrateToLatest(opened.db);
    await loadReferenceData(opened.db, await readReferenceData());
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}
