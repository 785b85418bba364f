// Deployments in flight, shown on their endpoint's node. They are kept in the extension's global
// state, so a window reload finds them again and follows them to the end by operation name.
import * as vscode from 'vscode';

export interface PendingDeploy {
  /** The DeployModel operation's name. */
  operation: string;
  endpoint: string;
  /** The model version being deployed, as displayed. */
  modelLabel: string;
  /** Region of the endpoint: only a session in that region can follow it. */
  region: string;
  startedAt: number;
}

const STATE_KEY = 'vertexAI.pendingDeploys';

/** The pending deployments of this user, persisted; endpoint nodes read them to show progress. */
export class DeployProgress implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the endpoint's name whenever a deployment on it starts or ends. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  all(): PendingDeploy[] {
    return this.state.get<PendingDeploy[]>(STATE_KEY, []);
  }

  forEndpoint(endpoint: string): PendingDeploy[] {
    return this.all().filter((p) => p.endpoint === endpoint);
  }

  async add(pending: PendingDeploy): Promise<void> {
    await this.state.update(STATE_KEY, [...this.all().filter((p) => p.operation !== pending.operation), pending]);
    this.changed.fire(pending.endpoint);
  }

  async remove(operation: string): Promise<void> {
    const gone = this.all().find((p) => p.operation === operation);
    await this.state.update(STATE_KEY, this.all().filter((p) => p.operation !== operation));
    if (gone) this.changed.fire(gone.endpoint);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let current: DeployProgress | undefined;

/** The one instance the endpoint nodes read; set when the commands are registered. */
export function setDeployProgress(progress: DeployProgress | undefined): void {
  current = progress;
}

export function deployProgress(): DeployProgress | undefined {
  return current;
}

/** "Deploying churn-xgboost v2… 3 min" for the endpoint's description. */
export function deployingDescription(pending: readonly PendingDeploy[], now = Date.now()): string | undefined {
  if (pending.length === 0) return undefined;
  const minutes = Math.floor((now - Math.min(...pending.map((p) => p.startedAt))) / 60_000);
  const what = pending.length === 1 ? pending[0].modelLabel : vscode.l10n.t('{0} models', pending.length);
  return minutes > 0 ? vscode.l10n.t('Deploying {0}… {1} min', what, minutes) : vscode.l10n.t('Deploying {0}…', what);
}
