// What authentication reads (sessions, API tokens, users, their roles) changes rarely and is read
// on every request: the core keeps the sessions it looked up in memory. This counts the changes,
// so that what was kept is forgotten on the next one: those this process writes, seen as their
// statements complete (query-scope.ts), and those of other processes, announced by PostgreSQL on
// the channel gea_auth_changed (migration auth_change_notifications) to a connection that listens.
import pg from 'pg';

let changes = 0;

/** How many changes to authentication's data this process has seen (compare two readings). */
export const authChangeCount = () => changes;

/** Something authentication reads has changed, or may have. */
export function noteAuthChange(): void {
  changes++;
}

// Writes to the tables authentication reads. Matching too much costs a lookup, never a stale answer.
const AUTH_WRITE = /^\s*(?:insert\s+into|update|delete\s+from)\s+(?:"?public"?\.)?"?(?:Session|User|RoleAssignment|ApiToken)\b/i;
// The one write that changes nothing authentication decides: when a session or token was last used.
const LAST_USED_ONLY = /^\s*update\s+(?:"?public"?\.)?"?(?:Session|ApiToken)"?\s+set\s+"lastUsedAt"\s*=\s*\$1\s+where\b/i;

/** Whether a statement may change what authentication reads. */
export const changesAuth = (sql: string) => AUTH_WRITE.test(sql) && !LAST_USED_ONLY.test(sql);

export const AUTH_CHANGE_CHANNEL = 'gea_auth_changed';
const RECONNECT_MS = 1_000;

/** A connection listening to gea_auth_changed; while it is not listening, nothing may be kept. */
export interface AuthChangeWatch {
  /** The change count, or null while changes of other processes could go unseen. */
  current(): number | null;
  close(): Promise<void>;
}

export function watchAuthChanges(config: pg.ClientConfig): AuthChangeWatch {
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const lost = () => {
    listening = false;
    noteAuthChange();
    client = undefined;
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, RECONNECT_MS);
      retry.unref();
    }
  };
  const connect = async () => {
    const connection = new pg.Client(config);
    client = connection;
    connection.on('error', () => {}); // followed by 'end', which acts on it
    connection.on('notification', noteAuthChange);
    connection.on('end', () => client === connection && lost());
    try {
      await connection.connect();
      await connection.query(`LISTEN ${AUTH_CHANGE_CHANNEL}`);
      if (closed) return void (await connection.end());
      // What was kept before listening started may have missed a change.
      noteAuthChange();
      listening = true;
    } catch {
      if (client === connection) lost();
      await connection.end().catch(() => {});
    }
  };
  void connect();
  return {
    current: () => (listening ? changes : null),
    async close() {
      closed = true;
      listening = false;
      if (retry) clearTimeout(retry);
      const connection = client;
      client = undefined;
      await connection?.end().catch(() => {});
    },
  };
}
