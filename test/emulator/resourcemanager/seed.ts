import type { Emulator } from '../core/emulator';
import { putProject } from './projects';

const ORGANIZATION = 'organizations/410987654321';
const FOLDER = 'folders/271828182845';

/**
 * The projects the demo's caller can see: the demo project, a few others in an organization
 * and a folder, and one pending deletion (which project pickers must leave out). Listed out of
 * id order on purpose.
 */
export function seedProjects(emu: Emulator, demoProject: string): void {
  const daysAgo = (n: number) => new Date(emu.clock.now().getTime() - n * 86_400_000);
  putProject(emu, { projectId: 'ml-research-sandbox', displayName: 'ML Research Sandbox', parent: FOLDER, labels: { team: 'research' }, createTime: daysAgo(200) });
  putProject(emu, { projectId: demoProject, displayName: 'Demo Project', parent: ORGANIZATION, labels: { env: 'demo' }, createTime: daysAgo(400) });
  putProject(emu, { projectId: 'forecasting-prod', displayName: 'Forecasting (prod)', parent: ORGANIZATION, labels: { env: 'prod' }, createTime: daysAgo(300) });
  putProject(emu, { projectId: 'legacy-experiments', displayName: 'Legacy experiments', parent: FOLDER, state: 'DELETE_REQUESTED', createTime: daysAgo(900) });
  putProject(emu, { projectId: 'vision-staging-7f3a', displayName: 'Vision staging', parent: FOLDER, labels: { env: 'staging' }, createTime: daysAgo(90) });
}
