/** A command handler as VS Code calls it: any arguments, any result. */
export type CommandHandler = (...args: never[]) => unknown;

/**
 * The commands the core registered at activation (every one package.json contributes), and the
 * handlers the features bundle fills in once it has loaded. VS Code only ever sees the core's stubs.
 */
export class CommandTable {
  private readonly handlers = new Map<string, CommandHandler>();
  readonly ids: ReadonlySet<string>;

  constructor(ids: Iterable<string>) {
    this.ids = new Set(ids);
  }

  /** Whether the core registered this id, so its handler belongs here rather than with VS Code. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  set(id: string, handler: CommandHandler): void {
    if (!this.ids.has(id)) throw new Error(`${id} has no stub: the core registers only the commands package.json contributes.`);
    if (this.handlers.has(id)) throw new Error(`${id} has two handlers.`);
    this.handlers.set(id, handler);
  }

  /** Runs the handler with the arguments VS Code gave the stub, returning its result. */
  dispatch(id: string, args: unknown[]): unknown {
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`No handler for ${id}.`);
    return (handler as (...a: unknown[]) => unknown)(...args);
  }

  /** Contributed commands the features registered no handler for. */
  missing(): string[] {
    return [...this.ids].filter((id) => !this.handlers.has(id));
  }
}
