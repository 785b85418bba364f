import { JOB_KINDS } from '../../cloud/trainingJobs';
import { ResourceTreeProvider } from '../tree/resourceTreeProvider';
import type { SessionClients } from '../tree/sessionClients';
import type { TreeNode } from '../tree/treeNode';
import { BatchJobGroupNode } from './batchJobNodes';
import { JOB_FILTER_STATES, JobGroupNode } from './jobGroupNode';

export const TRAINING_JOBS_VIEW = 'vertexAI.trainingJobs';

/** Custom jobs (open at start), HP tuning jobs, training pipelines, pipeline runs and batch predictions. */
export class TrainingJobsTreeProvider extends ResourceTreeProvider {
  constructor(session: SessionClients) {
    super(TRAINING_JOBS_VIEW, session, { filterStates: JOB_FILTER_STATES });
  }

  protected createRoots(): TreeNode[] {
    const groups = JOB_KINDS.map((kind) => new JobGroupNode(this, kind, kind === 'customJob'));
    // Custom jobs are shown expanded: their first page starts with the roots.
    groups[0].prefetch();
    return [...groups, new BatchJobGroupNode(this)];
  }
}
