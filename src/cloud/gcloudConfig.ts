import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What the extension takes from gcloud's active configuration. Read from files: gcloud is never spawned. */
export interface GcloudDefaults {
  configDir: string;
  configName: string;
  project?: string;
  /** `ai/region`, else `compute/region`. */
  region?: string;
  account?: string;
}

type Env = Record<string, string | undefined>;

export function gcloudConfigDir(env: Env = process.env, home: string = homedir()): string {
  return env.CLOUDSDK_CONFIG || join(home, '.config', 'gcloud');
}

/** Parses gcloud's INI properties files: `[section]` headers and `key = value` lines. */
export function parseProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && section) props.set(`${section}/${line.slice(0, eq).trim()}`, line.slice(eq + 1).trim());
  }
  return props;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function readGcloudDefaults(env: Env = process.env, home: string = homedir()): GcloudDefaults {
  const configDir = gcloudConfigDir(env, home);
  const configName = env.CLOUDSDK_ACTIVE_CONFIG_NAME || readText(join(configDir, 'active_config'))?.trim() || 'default';
  const props = parseProperties(readText(join(configDir, 'configurations', `config_${configName}`)) ?? '');
  // gcloud lets CLOUDSDK_<SECTION>_<PROPERTY> override the file.
  const prop = (key: string): string | undefined => {
    const fromEnv = env[`CLOUDSDK_${key.replace('/', '_').toUpperCase()}`];
    return fromEnv || props.get(key) || undefined;
  };
  return {
    configDir,
    configName,
    project: prop('core/project'),
    region: prop('ai/region') ?? prop('compute/region'),
    account: prop('core/account'),
  };
}
