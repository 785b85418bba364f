import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CHUNK_BYTES } from '../../src/cloud/storage';
import type { ExtensionApi } from '../../src/extension';
import { DEMO_LOCATION, emulatorUrl, extensionApi, ScriptedInput } from './explorer/explorerHarness';

const BUCKET = 'demo-project-vertex-staging';
const INSERT = 'storage.objects.insert';
const SMALL_FILES = ['model.joblib', ...Array.from({ length: 23 }, (_, i) => `assets/part-${String(i).padStart(2, '0')}.bin`)];
/** A rule with no error and no latency only counts the calls it sees down from here. */
const COUNTER = 100_000;

interface Fault {
  method: string;
  code?: string;
  count?: number;
  after?: number;
}

async function control(method: string, body?: unknown): Promise<{ faults?: Fault[] }> {
  const res = await fetch(`${emulatorUrl()}/emulator/v1/faults`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `${method} faults: ${res.status}`);
  return (await res.json()) as { faults?: Fault[] };
}

async function getJson(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulatorUrl()}${path}`);
  const json = (await res.json()) as Record<string, unknown>;
  assert.ok(res.ok, `GET ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Writes the files (path → size) with random bytes into a new folder. */
async function modelFolder(files: Record<string, number>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'resumed-model-'));
  for (const [path, size] of Object.entries(files)) {
    await mkdir(join(folder, ...path.split('/').slice(0, -1)), { recursive: true });
    await writeFile(join(folder, ...path.split('/')), randomBytes(size));
  }
  return folder;
}

interface Outcome {
  registered: { model: string; versionId: string };
  /** storage.objects.insert calls the upload made, failed ones included. */
  insertCalls: number;
}

describe('Upload Model from a local folder with a Cloud Storage failure partway through (emulator)', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  const folders: string[] = [];
  const models: string[] = [];

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    await control('DELETE');
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
    for (const model of models) await fetch(`${emulatorUrl()}/v1/${model}`, { method: 'DELETE' });
  });

  const named = async (displayName: string) => ((await getJson(`/v1/${DEMO_LOCATION}/models?pageSize=1000`)).models as Array<{ name: string; displayName: string }>).filter((m) => m.displayName === displayName);

  /** Upload Model with `failure` injected into the uploads; checks the failure was hit and one model came of it. */
  async function uploadThroughFailure(folder: string, displayName: string, failure: { after: number; count: number }): Promise<Outcome> {
    assert.deepEqual(await named(displayName), []);
    await control('POST', { method: INSERT, count: COUNTER });
    await control('POST', { method: INSERT, code: 'UNAVAILABLE', ...failure });
    api.setUserInput(new ScriptedInput());
    let left: Fault[];
    let registered: Outcome['registered'] | undefined;
    try {
      registered = await vscode.commands.executeCommand<Outcome['registered'] | undefined>('vertexAI.uploadModel', folder, { displayName, image: 'sklearn-cpu.1-3', parentModel: '' });
    } finally {
      left = (await control('GET')).faults ?? [];
      await control('DELETE');
    }
    assert.ok(registered, 'Upload Model registered nothing');
    models.push(registered.model);
    assert.ok(!left.some((f) => f.code === 'UNAVAILABLE'), `the injected failures were not all hit: ${JSON.stringify(left)}`);
    const counter = left.find((f) => f.code === undefined);
    assert.ok(counter?.count !== undefined, JSON.stringify(left));
    assert.deepEqual((await named(displayName)).map((m) => m.name), [registered.model], 'exactly one model is registered');
    assert.equal(registered.versionId, '1');
    return { registered, insertCalls: COUNTER - counter.count };
  }

  /** Every local file is in the model's artifact folder with the same MD5 and size, and nothing else is. */
  async function assertEveryByteArrived(folder: string, files: string[], model: string): Promise<void> {
    const artifactUri = String((await getJson(`/v1/${model}`)).artifactUri);
    const prefix = artifactUri.slice(`gs://${BUCKET}/`.length);
    assert.ok(artifactUri.startsWith(`gs://${BUCKET}/models/`) && prefix.endsWith('/'), artifactUri);
    const listed = (await getJson(`/storage/v1/b/${BUCKET}/o?prefix=${encodeURIComponent(prefix)}`)).items as Array<{ name: string; size: string; md5Hash: string }>;
    assert.deepEqual(listed.map((o) => o.name.slice(prefix.length)).sort(), [...files].sort());
    for (const path of files) {
      const local = await readFile(join(folder, ...path.split('/')));
      const stored = listed.find((o) => o.name === `${prefix}${path}`);
      assert.equal(stored?.md5Hash, createHash('md5').update(local).digest('base64'), `${path}: the bytes in the bucket differ`);
      assert.equal(Number(stored?.size), local.length, path);
    }
  }

  it('parallel uploads: retries only the files still missing, every byte arrives, one model is registered', async () => {
    const folder = await modelFolder(Object.fromEntries(SMALL_FILES.map((path, i) => [path, 30_000 + i * 997])));
    folders.push(folder);
    const failedCalls = 4;
    const { registered, insertCalls } = await uploadThroughFailure(folder, 'resumed-model', { after: 6, count: failedCalls });
    // One call per file, plus one more for each file a failed call left missing: nothing already sent went again.
    assert.equal(insertCalls, SMALL_FILES.length + failedCalls, 'upload calls');
    await assertEveryByteArrived(folder, SMALL_FILES, registered.model);
  });

  it('a large file whose chunk fails is sent again from the committed offset, not from byte 0', async () => {
    const size = 2 * CHUNK_BYTES + 300_000;
    const files = { 'model.joblib': size };
    const folder = await modelFolder(files);
    folders.push(folder);
    // Call 1 opens the session, call 2 sends the first chunk, call 3 (the second chunk) fails.
    const { registered, insertCalls } = await uploadThroughFailure(folder, 'resumed-large-model', { after: 2, count: 1 });
    // Then a status query and the second chunk again, and the last chunk.
    assert.equal(insertCalls, 6, 'upload calls');
    const artifactUri = String((await getJson(`/v1/${registered.model}`)).artifactUri);
    const object = `${artifactUri.slice(`gs://${BUCKET}/`.length)}model.joblib`;
    const traffic = await getJson(`/emulator/storage/uploads?bucket=${BUCKET}&object=${encodeURIComponent(object)}`);
    assert.equal(traffic.sessionsOpened, 1, 'the file started over in a new session');
    const resent = Number(traffic.bytesReceived) - size;
    assert.ok(resent > 0 && resent <= CHUNK_BYTES, `${resent} bytes were sent again; at most one chunk (${CHUNK_BYTES}) should be`);
    await assertEveryByteArrived(folder, Object.keys(files), registered.model);
  });
});
