/**
 * How an attempt's `secret_ids_json` is stored (issue 17, migration 022). An attempt signed with
 * one secret names it, `["<uuid>"]`: 40 bytes of text on nearly every attempt. Such a list is
 * stored as the UUID's 16 bytes (a BLOB), and `secretIdsSql` gives the text back, byte for byte.
 * Any other list (none, two during a rotation's overlap, an id that is not a lower-case UUID) is
 * stored as it is.
 */
const ONE_UUID = /^\["([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})"\]$/;

export function storedSecretIds(json: string): string | Buffer {
  const m = ONE_UUID.exec(json);
  return m ? Buffer.from(m.slice(1, 6).join(''), 'hex') : json;
}

/** The list as JSON text, from the row under `alias` (its text, or rebuilt from the BLOB). */
export const secretIdsSql = (alias: string): string => {
  const hex = `lower(hex(${alias}.secret_ids_json))`;
  const part = (from: number, length: number) => `substr(${hex}, ${from}, ${length})`;
  return `CASE WHEN typeof(${alias}.secret_ids_json) = 'blob'
     THEN '["' || ${part(1, 8)} || '-' || ${part(9, 4)} || '-' || ${part(13, 4)} || '-' || ${part(17, 4)} || '-' || ${part(21, 12)} || '"]'
     ELSE ${alias}.secret_ids_json END`;
};
