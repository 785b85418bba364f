import { isJsonObject } from '../core/json';
import type { JsonObject } from '../core/json';

/** One line of a replica's container output, as the job writes it to Cloud Logging. */
export interface LogLine {
  severity: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
  message: string;
}

/** A number in [0, 1) fixed by the job id and a salt, so every run of a job tells the same story. */
export function jitter(jobId: string, salt: number): number {
  let h = 2166136261;
  for (const c of `${jobId}:${salt}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function device(spec: JsonObject): string {
  const pool = Array.isArray(spec.workerPoolSpecs) && isJsonObject(spec.workerPoolSpecs[0]) ? spec.workerPoolSpecs[0] : {};
  const machine = isJsonObject(pool.machineSpec) ? pool.machineSpec : {};
  const type = String(machine.machineType ?? '');
  if (type.startsWith('ct5lp') || type.startsWith('ct6e') || String(machine.acceleratorType ?? '').startsWith('TPU')) {
    return `Found TPU system: ${machine.tpuTopology ? `topology ${String(machine.tpuTopology)}` : String(machine.acceleratorType ?? type)}`;
  }
  if (machine.acceleratorType) return `Using device: cuda (${String(machine.acceleratorCount ?? 1)} x ${String(machine.acceleratorType)})`;
  return 'Using device: cpu';
}

function command(spec: JsonObject): string {
  const pool = Array.isArray(spec.workerPoolSpecs) && isJsonObject(spec.workerPoolSpecs[0]) ? spec.workerPoolSpecs[0] : {};
  if (isJsonObject(pool.pythonPackageSpec)) return `Running command: python3 -m ${String(pool.pythonPackageSpec.pythonModule ?? 'trainer.task')}`;
  const c = isJsonObject(pool.containerSpec) ? pool.containerSpec : {};
  const argv = [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])].map(String);
  return `Running container ${String(c.imageUri ?? '')}${argv.length ? ` with ${argv.join(' ')}` : ''}`;
}

/**
 * The `tick`-th line of one replica (`workerpool0-0` leads; others report their shard).
 * Loss falls and accuracy rises over the epochs; a warning shows up once. The replica's name
 * stays out of the text: Cloud Logging carries it as the task_name label, and log viewers print it.
 */
export function trainingLine(jobId: string, spec: JsonObject, task: string, tick: number): LogLine {
  const primary = task === 'workerpool0-0';
  if (tick === 0) return { severity: 'INFO', message: primary ? command(spec) : 'Worker replica starting; waiting for the chief' };
  if (tick === 1) return { severity: 'INFO', message: device(spec) };
  if (tick === 2) return { severity: 'INFO', message: 'Loaded 60000 training examples' };
  if (tick === 4 && primary) return { severity: 'WARNING', message: 'DataLoader is using 2 workers; consider raising num_workers for better throughput.' };
  const step = tick - 2;
  const epoch = 1 + Math.floor((step - 1) / 10);
  const batch = ((step - 1) % 10) + 1;
  const loss = (2.3 * Math.exp(-epoch / 6) + 0.05 + jitter(jobId, step) * 0.03).toFixed(4);
  const acc = Math.min(0.99, 0.1 + 0.85 * (1 - Math.exp(-epoch / 5)) + jitter(jobId, -step) * 0.01).toFixed(4);
  if (!primary) return { severity: 'INFO', message: `epoch ${epoch} step ${batch * 100}/1000: loss=${loss}` };
  return batch === 10
    ? { severity: 'INFO', message: `Epoch ${epoch} done: loss=${loss} val_accuracy=${acc}` }
    : { severity: 'INFO', message: `Epoch ${epoch} [${batch * 100}/1000] loss=${loss}` };
}

/** What the primary replica prints when the job is told to fail: a Python traceback on stderr. */
export function failureLines(): LogLine[] {
  return [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3.10/runpy.py", line 196, in _run_module_as_main',
    '    return _run_code(code, main_globals, None,',
    '  File "/usr/lib/python3.10/runpy.py", line 86, in _run_code',
    '    exec(code, run_globals)',
    '  File "/root/.local/lib/python3.10/site-packages/trainer/task.py", line 88, in <module>',
    '    main()',
    '  File "/root/.local/lib/python3.10/site-packages/trainer/task.py", line 61, in main',
    '    loss = train_epoch(model, loader, optimizer)',
    '  File "/root/.local/lib/python3.10/site-packages/trainer/task.py", line 34, in train_epoch',
    '    batch = next(iterator)',
    "ValueError: Input contains NaN, infinity or a value too large for dtype('float32').",
  ].map((message) => ({ severity: 'ERROR', message }));
}

/** The job's error once its primary replica failed, as the API words it. */
export function failureStatus(projectId: string, jobId: string): JsonObject {
  return {
    code: 3,
    message: `The replica workerpool0-0 exited with a non-zero status of 1. To find out more about why your job exited please check the logs: https://console.cloud.google.com/logs/viewer?project=${projectId}&resource=ml_job%2Fjob_id%2F${jobId}&advancedFilter=resource.type%3D%22ml_job%22%0Aresource.labels.job_id%3D%22${jobId}%22`,
  };
}

/** Files a finished job leaves in `<baseOutputDirectory>/model/`, by framework. */
export function modelFiles(spec: JsonObject): Array<{ name: string; contentType: string; data: string }> {
  const pool = Array.isArray(spec.workerPoolSpecs) && isJsonObject(spec.workerPoolSpecs[0]) ? spec.workerPoolSpecs[0] : {};
  const image = JSON.stringify([pool.containerSpec, pool.pythonPackageSpec]).toLowerCase();
  if (image.includes('pytorch') || image.includes('torch')) {
    return [{ name: 'model.pt', contentType: 'application/octet-stream', data: 'PK emulated torch.save archive\n' }];
  }
  if (image.includes('xgboost')) return [{ name: 'model.bst', contentType: 'application/octet-stream', data: 'emulated xgboost booster\n' }];
  if (image.includes('sklearn') || image.includes('scikit')) return [{ name: 'model.joblib', contentType: 'application/octet-stream', data: 'emulated joblib pickle\n' }];
  return [
    { name: 'saved_model.pb', contentType: 'application/octet-stream', data: 'emulated SavedModel graph\n' },
    { name: 'variables/variables.index', contentType: 'application/octet-stream', data: 'emulated variables index\n' },
    { name: 'variables/variables.data-00000-of-00001', contentType: 'application/octet-stream', data: 'emulated variables data\n' },
  ];
}
