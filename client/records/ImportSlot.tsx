/**
 * Where the cases page offers importing cases and attendance from CSV or xlsx: the import
 * screen (client/records/Import.tsx, another piece of work) puts its link or button here.
 * Nothing is shown until then.
 */
export function ImportSlot() {
  return null;
}
