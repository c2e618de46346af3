const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a uuid as the database stores ids: checked before one reaches a `::uuid` cast, which would fail the whole statement. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
