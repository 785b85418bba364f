import { parseRfc3339 } from '../core/clock';
import type { JsonObject } from '../core/json';
import type { Store } from '../state/store';

/**
 * Names of one job collection, newest first, sorted once and kept until a job is added or
 * removed: sorting 10,000 jobs on every list call made the emulator, a fake, dominate the
 * extension's first-page time. A job updated in place (state changes) keeps its position,
 * since only its createTime orders it. The jobs a list query selects are kept until any job
 * of the collection changes, so paging through 10,000 jobs does not filter them 200 times.
 */
interface Index {
  names: string[];
  members: Set<string>;
  selected: Map<string, JsonObject[]>;
}

const indexes = new WeakMap<Store, Map<string, Index>>();

function indexesOf(store: Store): Map<string, Index> {
  let byKind = indexes.get(store);
  if (byKind) return byKind;
  const fresh = new Map<string, Index>();
  byKind = fresh;
  indexes.set(store, fresh);
  store.events.on('changed', (kind: string, name: string) => {
    const index = fresh.get(kind);
    if (index?.members.has(name)) index.selected.clear();
    else fresh.delete(kind);
  });
  store.events.on('deleted', (kind: string) => fresh.delete(kind));
  store.events.on('reset', () => fresh.clear());
  store.events.on('loaded', () => fresh.clear());
  return byKind;
}

function build(collection: Map<string, JsonObject>): Index {
  const keyed = [...collection.entries()].map(([name, job]) => ({ name, t: parseRfc3339(String(job.createTime ?? '')) ?? 0 }));
  keyed.sort((a, b) => b.t - a.t || (a.name < b.name ? 1 : -1));
  const names = keyed.map((k) => k.name);
  return { names, members: new Set(names), selected: new Map() };
}

/**
 * The jobs of `kind` whose names start with `prefix` and that `keep` accepts, newest first.
 * `query` names the selection (prefix and filter) for reuse until the collection changes.
 */
export function newestFirst(store: Store, kind: string, prefix: string, query: string, keep: (job: JsonObject) => boolean): JsonObject[] {
  const collection = store.collection<JsonObject>(kind);
  const byKind = indexesOf(store);
  let index = byKind.get(kind);
  // A state file loads straight into the collections; a size mismatch catches that too.
  if (!index || index.names.length !== collection.size) {
    index = build(collection);
    byKind.set(kind, index);
  }
  const known = index.selected.get(query);
  if (known) return known;
  const out: JsonObject[] = [];
  for (const name of index.names) {
    if (!name.startsWith(prefix)) continue;
    const job = collection.get(name);
    if (job && keep(job)) out.push(job);
  }
  index.selected.set(query, out);
  return out;
}
