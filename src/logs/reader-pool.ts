import type { Connection } from '../cloud/connection';
import { createLogReader } from '../cloud/logging';
import type { LogReader } from '../cloud/logging';

interface Pooled {
  conn: Connection;
  reader: LogReader;
  users: number;
}

/**
 * One Cloud Logging client per connection, shared by every stream: a client loads its protos
 * and compiles its decoders on first use, which is worth doing once. A client of an older
 * connection closes when its last stream ends.
 */
export class ReaderPool {
  private readonly pooled: Pooled[] = [];

  constructor(private readonly create: (conn: Connection) => LogReader = createLogReader) {}

  acquire(conn: Connection): { reader: LogReader; release(): void } {
    let entry = this.pooled.find((p) => p.conn === conn);
    if (!entry) {
      entry = { conn, reader: this.create(conn), users: 0 };
      this.pooled.push(entry);
    }
    const held = entry;
    held.users++;
    let released = false;
    return {
      reader: held.reader,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        this.closeIdle();
      },
    };
  }

  /** Closes every client not in use, except the newest connection's. */
  private closeIdle(): void {
    const newest = this.pooled.at(-1);
    for (const p of [...this.pooled]) {
      if (p === newest || p.users > 0) continue;
      this.pooled.splice(this.pooled.indexOf(p), 1);
      void p.reader.close().catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    const all = this.pooled.splice(0);
    await Promise.all(all.map((p) => p.reader.close().catch(() => undefined)));
  }
}
