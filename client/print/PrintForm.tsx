/** The paper form of one approved version. */
export default function PrintForm({ id, version }: { id: string; version: number }) {
  return <h1>{`${id} ${version}`}</h1>;
}
