// What a relative age ("5 min ago") says, without VS Code: the views word it, and the tree
// redraws a node when the age it shows would read differently.

export interface AgeParts {
  unit: 'now' | 'min' | 'h' | 'd';
  count: number;
}

export function ageParts(date: Date, now: number): AgeParts {
  const minutes = Math.max(0, Math.round((now - date.getTime()) / 60_000));
  if (minutes < 1) return { unit: 'now', count: 0 };
  if (minutes < 60) return { unit: 'min', count: minutes };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { unit: 'h', count: hours };
  return { unit: 'd', count: Math.round(hours / 24) };
}

/** Equal keys mean the same age text. */
export function ageKey(date: Date, now: number): string {
  const { unit, count } = ageParts(date, now);
  return `${count}${unit}`;
}

/** A node whose description shows the age of `agedSince()`. */
export interface AgedItem {
  readonly id: string;
  agedSince?(): Date | undefined;
}

/**
 * Remembers the age each node was drawn with; stale() names the nodes whose age text has
 * changed since, once per change, so a minute's tick redraws only those.
 */
export class AgeTracker {
  private readonly drawn = new Map<string, string>();

  drew(item: AgedItem, now: number): void {
    const since = item.agedSince?.();
    if (since) this.drawn.set(item.id, ageKey(since, now));
    else this.drawn.delete(item.id);
  }

  stale<T extends AgedItem>(items: Iterable<T>, now: number): T[] {
    const result: T[] = [];
    for (const item of items) {
      const before = this.drawn.get(item.id);
      if (before === undefined) continue;
      const since = item.agedSince?.();
      if (!since) continue;
      const key = ageKey(since, now);
      if (key === before) continue;
      this.drawn.set(item.id, key);
      result.push(item);
    }
    return result;
  }

  forget(): void {
    this.drawn.clear();
  }
}
