import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProperties, readGcloudDefaults } from '../../../src/cloud/gcloudConfig';

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcloud-config-'));
  mkdirSync(join(dir, 'configurations'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('parses sections, keys and values, ignoring comments', () => {
  const props = parseProperties('# comment\n[core]\nproject = my-proj\naccount=me@example.com\n\n[compute]\nregion = europe-west4\n');
  assert.equal(props.get('core/project'), 'my-proj');
  assert.equal(props.get('core/account'), 'me@example.com');
  assert.equal(props.get('compute/region'), 'europe-west4');
  assert.equal(props.size, 3);
});

test('reads the active configuration named in active_config, honouring CLOUDSDK_CONFIG', () => {
  const dir = configDir({
    active_config: 'work\n',
    'configurations/config_default': '[core]\nproject = wrong\n',
    'configurations/config_work': '[core]\nproject = train-proj\n[compute]\nregion = us-east1\n',
  });
  const d = readGcloudDefaults({ CLOUDSDK_CONFIG: dir }, '/nonexistent');
  assert.equal(d.configName, 'work');
  assert.equal(d.project, 'train-proj');
  assert.equal(d.region, 'us-east1');
});

test('ai/region wins over compute/region', () => {
  const dir = configDir({ 'configurations/config_default': '[ai]\nregion = us-central1\n[compute]\nregion = us-east1\n' });
  assert.equal(readGcloudDefaults({ CLOUDSDK_CONFIG: dir }).region, 'us-central1');
});

test('CLOUDSDK_ACTIVE_CONFIG_NAME and CLOUDSDK_CORE_PROJECT override the files', () => {
  const dir = configDir({
    active_config: 'default',
    'configurations/config_default': '[core]\nproject = a\n',
    'configurations/config_other': '[core]\nproject = b\n[compute]\nregion = asia-east1\n',
  });
  assert.equal(readGcloudDefaults({ CLOUDSDK_CONFIG: dir, CLOUDSDK_ACTIVE_CONFIG_NAME: 'other' }).project, 'b');
  assert.equal(readGcloudDefaults({ CLOUDSDK_CONFIG: dir, CLOUDSDK_CORE_PROJECT: 'c' }).project, 'c');
});

test('an empty or missing configuration gives no project and no region', () => {
  const d = readGcloudDefaults({ CLOUDSDK_CONFIG: join(tmpdir(), 'does-not-exist-gcloud') });
  assert.equal(d.configName, 'default');
  assert.equal(d.project, undefined);
  assert.equal(d.region, undefined);
});

test('without CLOUDSDK_CONFIG it looks under ~/.config/gcloud', () => {
  const home = mkdtempSync(join(tmpdir(), 'home-'));
  mkdirSync(join(home, '.config', 'gcloud', 'configurations'), { recursive: true });
  writeFileSync(join(home, '.config', 'gcloud', 'configurations', 'config_default'), '[core]\nproject = from-home\n');
  assert.equal(readGcloudDefaults({}, home).project, 'from-home');
});
