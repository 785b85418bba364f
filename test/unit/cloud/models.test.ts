import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_MODEL_IDS } from '../../emulator/models/seed';
import { DEMO_ENDPOINT_IDS } from '../../emulator/endpoints/seed';
import { useDemoEmulator } from './demoEmulator';
import { toApiError } from '../../../src/cloud/apiErrors';
import { deleteModel, deleteModelVersion, getModel, listModelVersions, listModels, prebuiltFramework } from '../../../src/cloud/models';

test('prebuilt prediction images name their framework; custom images do not', () => {
  assert.equal(prebuiltFramework('us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest'), 'TensorFlow 2.15 (CPU)');
  assert.equal(prebuiltFramework('europe-docker.pkg.dev/vertex-ai/prediction/pytorch-gpu.2-4:latest'), 'PyTorch 2.4 (GPU)');
  assert.equal(prebuiltFramework('us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest'), 'scikit-learn 1.3 (CPU)');
  assert.equal(prebuiltFramework('us-central1-docker.pkg.dev/demo-project/serving/text-embedder:1.2.0'), undefined);
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`models over ${transport}`, () => {
    const modelName = (id: string) => `projects/demo-project/locations/us-central1/models/${id}`;
    const demo = useDemoEmulator(transport);

    test('lists models newest first, each as its default version', async () => {
      const page = await listModels(demo.clients);
      assert.deepEqual(page.items.map((m) => m.displayName), ['text-embedder', 'churn-xgboost', 'flowers-classifier']);
      assert.equal(page.nextPageToken, undefined);
      const flowers = page.items[2];
      assert.equal(flowers.id, DEMO_MODEL_IDS.flowers);
      assert.match(flowers.name, /^projects\/\d+\/locations\/us-central1\/models\/4201000000000000001$/);
      assert.equal(flowers.versionId, '2');
      assert.equal(flowers.versionName, `${flowers.name}@2`);
      assert.ok(flowers.isDefault);
      assert.deepEqual(flowers.versionAliases, ['default', 'prod']);
      assert.equal(flowers.framework, 'TensorFlow 2.15 (CPU)');
      assert.equal(flowers.sourceType, undefined);
      assert.deepEqual(flowers.deployedModels.map((d) => [d.endpoint.split('/').pop(), d.deployedModelId]), [[DEMO_ENDPOINT_IDS.flowers, '5101000000000000002']]);
      assert.deepEqual(flowers.labels, { team: 'vision' });
      assert.ok(flowers.createTime instanceof Date && flowers.createTime.getTime() < Date.now() - 19 * 24 * 3600_000);
      const embedder = page.items[0];
      assert.equal(embedder.containerImage, 'us-central1-docker.pkg.dev/demo-project/serving/text-embedder:1.2.0');
      assert.equal(embedder.framework, undefined);
      assert.deepEqual(embedder.deployedModels, []);
    });

    test('pages with a token, and filters by display name', async () => {
      const first = await listModels(demo.clients, { pageSize: 2 });
      assert.equal(first.items.length, 2);
      assert.ok(first.nextPageToken);
      const second = await listModels(demo.clients, { pageSize: 2, pageToken: first.nextPageToken });
      assert.deepEqual(second.items.map((m) => m.displayName), ['flowers-classifier']);
      assert.equal(second.nextPageToken, undefined);
      const filtered = await listModels(demo.clients, { filter: 'display_name:"*churn*"' });
      assert.deepEqual(filtered.items.map((m) => m.displayName), ['churn-xgboost']);
    });

    test('lists a model’s versions with aliases, times and deployments', async () => {
      const page = await listModelVersions(demo.clients, modelName(DEMO_MODEL_IDS.flowers));
      assert.deepEqual(
        page.items.map((v) => [v.versionId, v.isDefault, v.versionAliases.join(','), v.deployedModels.length]),
        [['1', false, '', 0], ['2', true, 'default,prod', 1], ['3', false, 'canary', 1]],
      );
      assert.equal(page.items[2].versionDescription, 'EfficientNet-B2 trained on TPU v5e');
      assert.ok(page.items[2].versionCreateTime && page.items[0].versionCreateTime && page.items[2].versionCreateTime > page.items[0].versionCreateTime);
    });

    test('gets one version by its @ name', async () => {
      const v3 = await getModel(demo.clients, `${modelName(DEMO_MODEL_IDS.flowers)}@3`);
      assert.equal(v3.versionId, '3');
      assert.deepEqual(v3.versionAliases, ['canary']);
    });

    test('a deployed model cannot be deleted: FAILED_PRECONDITION naming the endpoint', async () => {
      await assert.rejects(deleteModel(demo.clients, modelName(DEMO_MODEL_IDS.churn)), (err: unknown) => {
        const api = toApiError(err);
        assert.equal(api?.status, 'FAILED_PRECONDITION');
        assert.match(api?.message ?? '', new RegExp(`endpoints/${DEMO_ENDPOINT_IDS.churn}.*undeploy`, 'i'));
        return true;
      });
    });

    test('deletes a version, then a whole model, waiting for the operations', async () => {
      await deleteModelVersion(demo.clients, `${modelName(DEMO_MODEL_IDS.flowers)}@1`);
      const versions = await listModelVersions(demo.clients, modelName(DEMO_MODEL_IDS.flowers));
      assert.deepEqual(versions.items.map((v) => v.versionId), ['2', '3']);
      await deleteModel(demo.clients, modelName(DEMO_MODEL_IDS.embedder));
      await assert.rejects(getModel(demo.clients, modelName(DEMO_MODEL_IDS.embedder)), (err: unknown) => toApiError(err)?.status === 'NOT_FOUND');
      const page = await listModels(demo.clients);
      assert.deepEqual(page.items.map((m) => m.displayName), ['churn-xgboost', 'flowers-classifier']);
    });

    test('an injected PERMISSION_DENIED reaches the caller as that API status', async () => {
      demo.emu.faults.add({ method: 'google.cloud.aiplatform.v1.ModelService.ListModels', code: 'PERMISSION_DENIED', message: "Permission 'aiplatform.models.list' denied", count: 1 });
      await assert.rejects(listModels(demo.clients), (err: unknown) => {
        assert.deepEqual(toApiError(err), { status: 'PERMISSION_DENIED', code: 7, message: "Permission 'aiplatform.models.list' denied", details: [] });
        return true;
      });
    });
  });
}
