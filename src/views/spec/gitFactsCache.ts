import type { GitFacts } from '../../commands/gitFacts';
import { readGitFacts } from '../../commands/gitFacts';

const FRESH_MS = 10_000;

/** Git facts per folder, looked up at most every few seconds while a spec is being edited. */
export class GitFactsCache {
  private readonly entries = new Map<string, { at: number; facts: Promise<GitFacts> }>();

  facts(dir: string): Promise<GitFacts> {
    const entry = this.entries.get(dir);
    if (entry && Date.now() - entry.at < FRESH_MS) return entry.facts;
    const facts = readGitFacts(dir);
    this.entries.set(dir, { at: Date.now(), facts });
    return facts;
  }

  /** After a save or a commit the next lookup asks git again. */
  forget(dir: string): void {
    this.entries.delete(dir);
  }
}
