import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiError } from '../../../src/cloud/apiErrors';
import { explainSubmitFailure, specPathForField } from '../../../src/cloud/submitErrors';

const context = { project: 'demo-project', region: 'us-central1', images: ['us-central1-docker.pkg.dev/demo-project/training/trainer:v9'] };
const api = (status: ApiError['status'], message: string, details: Record<string, unknown>[] = []): ApiError => ({ status, code: 0, message, details });

describe('the API field path back to the spec file', () => {
  const cases: [string, (string | number)[] | undefined][] = [
    ['custom_job.job_spec.worker_pool_specs[0].machine_spec.accelerator_count', ['workerPoolSpecs', 0, 'machineSpec', 'acceleratorCount']],
    ['job_spec.worker_pool_specs[1].container_spec.image_uri', ['workerPoolSpecs', 1, 'containerSpec', 'imageUri']],
    ['job_spec.worker_pool_specs[0].task', ['workerPoolSpecs', 0, 'task']],
    ['hyperparameter_tuning_job.trial_job_spec.scheduling.timeout', ['scheduling', 'timeout']],
    ['hyperparameter_tuning_job.study_spec.metrics[0].goal', ['hyperparameterTuning', 'studySpec', 'metrics', 0, 'goal']],
    ['max_trial_count', ['hyperparameterTuning', 'maxTrialCount']],
    ['display_name', ['displayName']],
    ['labels.Team.Name', ['labels', 'Team.Name']],
    ['job_spec', []],
    ['parent', undefined],
    ['constructor', undefined],
  ];
  for (const [field, path] of cases) {
    test(field, () => assert.deepEqual(specPathForField(field), path));
  }
});

describe('what a refused submission means', () => {
  test('INVALID_ARGUMENT with field violations points at the fields, over gRPC or REST detail types', () => {
    for (const type of ['type.googleapis.com/google.rpc.BadRequest', 'type.googleapis.com/BadRequest']) {
      const failure = explainSubmitFailure(api('INVALID_ARGUMENT', 'List of found errors', [{ '@type': type, fieldViolations: [
        { field: 'job_spec.worker_pool_specs[0].machine_spec.accelerator_type', description: 'Accelerator "NVIDIA_L4" is not supported for machine type "n1-standard-4".' },
      ] }]), context);
      assert.equal(failure.kind, 'fields');
      assert.deepEqual(failure.kind === 'fields' && failure.fields[0].path, ['workerPoolSpecs', 0, 'machineSpec', 'acceleratorType']);
      assert.match(failure.message, /not supported for machine type "n1-standard-4"/);
    }
  });

  test('RESOURCE_EXHAUSTED names the quota and region and links to the quotas page', () => {
    const failure = explainSubmitFailure(api('RESOURCE_EXHAUSTED', 'The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus', [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ subject: 'aiplatform.googleapis.com', description: 'Quota exceeded for aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus.' }] },
    ]), context);
    assert.equal(failure.kind, 'quota');
    if (failure.kind !== 'quota') return;
    assert.equal(failure.quota, 'aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus');
    assert.equal(failure.region, 'us-central1');
    assert.equal(failure.link, 'https://console.cloud.google.com/iam-admin/quotas?project=demo-project');
    assert.match(failure.message, /in us-central1 for aiplatform\.googleapis\.com\/custom_model_training_nvidia_l4_gpus/);
  });

  test('PERMISSION_DENIED on iam.serviceAccounts.actAs names the missing role on the service account', () => {
    const failure = explainSubmitFailure(api('PERMISSION_DENIED',
      "Permission 'iam.serviceAccounts.actAs' denied on resource (or it may not exist): projects/-/serviceAccounts/trainer@demo-project.iam.gserviceaccount.com"), context);
    assert.equal(failure.kind, 'actAs');
    if (failure.kind !== 'actAs') return;
    assert.equal(failure.serviceAccount, 'trainer@demo-project.iam.gserviceaccount.com');
    assert.equal(failure.role, 'roles/iam.serviceAccountUser');
    assert.match(failure.message, /needs roles\/iam\.serviceAccountUser \(Service Account User\) on trainer@demo-project\.iam\.gserviceaccount\.com/);
  });

  test('an actAs denial without the account in the message falls back to the spec\'s service account', () => {
    const failure = explainSubmitFailure(api('PERMISSION_DENIED', "Permission 'iam.serviceAccounts.actAs' denied"), { ...context, serviceAccount: 'sa@p.iam.gserviceaccount.com' });
    assert.equal(failure.kind === 'actAs' && failure.serviceAccount, 'sa@p.iam.gserviceaccount.com');
  });

  test('an image that is not there is said to be missing', () => {
    const failure = explainSubmitFailure(api('INVALID_ARGUMENT', `The image ${context.images[0]} is not found.`), context);
    assert.equal(failure.kind, 'image');
    assert.match(failure.message, /trainer:v9 does not exist/);
  });

  test('anything else keeps the status and the API\'s message', () => {
    const failure = explainSubmitFailure(api('UNAVAILABLE', 'The service is currently unavailable.'), context);
    assert.deepEqual(failure, { kind: 'other', message: 'Vertex AI did not create the job (UNAVAILABLE): The service is currently unavailable.' });
  });
});
