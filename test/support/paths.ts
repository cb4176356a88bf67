import { fileURLToPath } from 'node:url';

export const TMP_DIR = fileURLToPath(new URL('../../.tmp/', import.meta.url));
export const POSTGRES_TEMPLATE = 'fsa_test_template';
