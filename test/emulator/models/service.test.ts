import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from '../core/json';
import { createBucket, putObject } from '../storage/objects';
import { call, finish, isStatus, newEmulator } from './call-helpers';
import { registerModelService } from './service';

const emu = newEmulator(registerModelService);
after(() => emu.stop());
const parent = 'projects/p1/locations/us-central1';
const image = 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-5:latest';
createBucket(emu.store, 'p1', 'b1');
putObject(emu.store, 'b1', 'm/v1/model.joblib', 'x');
putObject(emu.store, 'b1', 'custom/weights.bin', 'x');

const upload = (model: JsonObject, extra: JsonObject = {}) => call(emu, 'ModelService.UploadModel', { parent, model, ...extra });

describe('ModelService', () => {
  let name = '';

  it('uploads a model as a long-running operation, version 1 being the default', async () => {
    const op = await upload({ displayName: 'm1', containerSpec: { imageUri: image }, artifactUri: 'gs://b1/m/v1' });
    assert.match(String(op.name), /^projects\/\d+\/locations\/us-central1\/models\/\d+\/operations\/\d+$/);
    const res = await finish(emu, op);
    assert.equal(res['@type'], 'type.googleapis.com/google.cloud.aiplatform.v1.UploadModelResponse');
    assert.equal(res.modelVersionId, '1');
    name = String(res.model);
    const model = await call(emu, 'ModelService.GetModel', { name: name.replace(/projects\/\d+/, 'projects/p1') });
    assert.equal(model.name, name);
    assert.deepEqual(model.versionAliases, ['default']);
    assert.deepEqual(model.supportedDeploymentResourcesTypes, ['DEDICATED_RESOURCES', 'SHARED_RESOURCES']);
    assert.deepEqual(model.modelSourceInfo, { sourceType: 'CUSTOM' });
  });

  it('makes new versions under parentModel; default moves only when asked', async () => {
    const v2 = await finish(emu, await upload({ displayName: 'ignored', containerSpec: { imageUri: image }, versionAliases: ['canary'] }, { parentModel: name }));
    assert.equal(v2.modelVersionId, '2');
    assert.equal((await call(emu, 'ModelService.GetModel', { name })).versionId, '1');
    const byAlias = await call(emu, 'ModelService.GetModel', { name: `${name}@canary` });
    assert.equal(byAlias.versionId, '2');
    assert.equal(byAlias.displayName, 'm1');
    const v3 = await finish(emu, await upload({ displayName: 'm1', containerSpec: { imageUri: image }, versionAliases: ['default'] }, { parentModel: name }));
    assert.equal(v3.modelVersionId, '3');
    assert.equal((await call(emu, 'ModelService.GetModel', { name })).versionId, '3');
    assert.deepEqual((await call(emu, 'ModelService.GetModel', { name: `${name}@1` })).versionAliases, []);
    const versions = await call(emu, 'ModelService.ListModelVersions', { name });
    assert.deepEqual((versions.models as JsonObject[]).map((m) => m.versionId), ['1', '2', '3']);
  });

  it('lists one entry per model, with filter and paging', async () => {
    await finish(emu, await upload({ displayName: 'other', containerSpec: { imageUri: 'gcr.io/p1/server:1' }, artifactUri: 'gs://b1/custom/', labels: { team: 'a' } }));
    const all = await call(emu, 'ModelService.ListModels', { parent });
    assert.deepEqual((all.models as JsonObject[]).map((m) => m.displayName).sort(), ['m1', 'other']);
    const filtered = await call(emu, 'ModelService.ListModels', { parent, filter: 'labels.team=a' });
    assert.deepEqual((filtered.models as JsonObject[]).map((m) => m.displayName), ['other']);
    const first = await call(emu, 'ModelService.ListModels', { parent, pageSize: 1, orderBy: 'display_name' });
    assert.equal((first.models as JsonObject[])[0].displayName, 'm1');
    const second = await call(emu, 'ModelService.ListModels', { parent, pageSize: 1, orderBy: 'display_name', pageToken: first.nextPageToken });
    assert.equal((second.models as JsonObject[])[0].displayName, 'other');
    assert.equal(second.nextPageToken, undefined);
  });

  it('refuses artifact directories that hold no model files', async () => {
    await assert.rejects(upload({ displayName: 'x', containerSpec: { imageUri: image }, artifactUri: 'gs://b1/empty/' }), isStatus('INVALID_ARGUMENT', /^Model directory gs:\/\/b1\/empty\/ is expected to contain exactly one of: \[model.joblib, model.pkl\]$/));
    await assert.rejects(upload({ displayName: 'x', containerSpec: { imageUri: 'gcr.io/p1/server:1' }, artifactUri: 'gs://b1/nothing' }), isStatus('INVALID_ARGUMENT', /is empty/));
  });

  it('reports missing required fields the way Vertex AI does', async () => {
    await assert.rejects(upload({}), isStatus('INVALID_ARGUMENT', /^List of found errors:\t1\.Field: model\.display_name; Message: Required field is not set\.\t2\.Field: model\.container_spec\.image_uri/));
    await assert.rejects(call(emu, 'ModelService.GetModel', { name: `${parent}/models/404` }), isStatus('NOT_FOUND'));
    await assert.rejects(upload({ displayName: 'x', containerSpec: { imageUri: image } }, { parentModel: `${parent}/models/404` }), isStatus('NOT_FOUND'));
  });

  it('updates model fields by bare name and version fields by @version', async () => {
    const renamed = await call(emu, 'ModelService.UpdateModel', { model: { name, displayName: 'renamed' }, updateMask: 'displayName' });
    assert.equal(renamed.displayName, 'renamed');
    assert.equal((await call(emu, 'ModelService.GetModel', { name: `${name}@1` })).displayName, 'renamed');
    const v2 = await call(emu, 'ModelService.UpdateModel', { model: { name: `${name}@2`, versionDescription: 'second' }, updateMask: { paths: ['version_description'] } });
    assert.equal(v2.versionDescription, 'second');
    await assert.rejects(call(emu, 'ModelService.UpdateModel', { model: { name: `${name}@2`, displayName: 'no' }, updateMask: 'displayName' }), isStatus('FAILED_PRECONDITION'));
    await assert.rejects(call(emu, 'ModelService.UpdateModel', { model: { name, artifactUri: 'gs://x' }, updateMask: 'artifactUri' }), isStatus('INVALID_ARGUMENT'));
  });

  it('deletes a version, then the model, as operations', async () => {
    await assert.rejects(call(emu, 'ModelService.DeleteModelVersion', { name: `${name}@3` }), isStatus('FAILED_PRECONDITION', /default version/));
    await finish(emu, await call(emu, 'ModelService.DeleteModelVersion', { name: `${name}@1` }));
    await assert.rejects(call(emu, 'ModelService.GetModel', { name: `${name}@1` }), isStatus('NOT_FOUND'));
    const op = await call(emu, 'ModelService.DeleteModel', { name });
    assert.match(String(op.name), /^projects\/\d+\/locations\/us-central1\/operations\/\d+$/);
    assert.deepEqual(await finish(emu, op), { '@type': 'type.googleapis.com/google.protobuf.Empty' });
    await assert.rejects(call(emu, 'ModelService.ListModelVersions', { name }), isStatus('NOT_FOUND'));
  });
});
