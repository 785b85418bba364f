import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { JsonObject } from '../core/json';
import { trainingLine } from './training-log';

const spec: JsonObject = {
  workerPoolSpecs: [
    { machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, replicaCount: '1', containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/t:1' } },
    { machineSpec: { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, replicaCount: '2', containerSpec: { imageUri: 'us-docker.pkg.dev/p/r/t:1' } },
  ],
};

it('keeps the replica name out of the line text (logging labels carry it)', () => {
  for (const task of ['workerpool0-0', 'workerpool1-0', 'workerpool1-1']) {
    for (let tick = 0; tick < 30; tick++) {
      const { message } = trainingLine('1234', spec, task, tick);
      assert.ok(!message.includes(task), `${task} tick ${tick}: ${message}`);
    }
  }
  assert.match(trainingLine('1234', spec, 'workerpool1-0', 5).message, /^epoch 1 step 300\/1000: loss=\d\.\d{4}$/);
});
