import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleUrl, parseResourceName, resourceId } from '../../../src/cloud/resourceNames';

test('parses resource names, model versions and nested names', () => {
  assert.deepEqual(parseResourceName('projects/p/locations/us-central1/customJobs/123'), { project: 'p', location: 'us-central1', collection: 'customJobs', id: '123', rest: [] });
  assert.equal(parseResourceName('projects/p/locations/l/models/9@3')?.version, '3');
  assert.deepEqual(parseResourceName('projects/p/locations/l/hyperparameterTuningJobs/5/trials/2')?.rest, ['trials', '2']);
  assert.equal(parseResourceName('not/a/name'), undefined);
  assert.equal(resourceId('projects/p/locations/l/customJobs/123'), '123');
  assert.equal(resourceId('projects/p/locations/l/models/9@3'), '9@3');
});

test('Cloud Console links carry the region, the ID and the project', () => {
  assert.equal(consoleUrl('projects/my-proj/locations/europe-west4/customJobs/77'), 'https://console.cloud.google.com/vertex-ai/locations/europe-west4/training/77/cpu?project=my-proj');
  assert.equal(consoleUrl('projects/p/locations/l/pipelineJobs/run-1'), 'https://console.cloud.google.com/vertex-ai/locations/l/pipelines/runs/run-1?project=p');
  assert.equal(consoleUrl('projects/p/locations/l/models/9@3'), 'https://console.cloud.google.com/vertex-ai/models/locations/l/models/9/versions/3?project=p');
  assert.equal(consoleUrl('projects/p/locations/l/featureStores/1'), undefined);
});
