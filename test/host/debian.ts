import { runCommand } from './proc';

/** What the host needs from Debian: the browser, rg, and the toolchain for the native rebuilds. */
export const DEBIAN_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config'];

export async function missingDebianPackages(packages: readonly string[] = DEBIAN_PACKAGES): Promise<string[]> {
  const missing: string[] = [];
  for (const name of packages) {
    const status = await runCommand('dpkg-query', ['-W', '-f=${Status}', name]).catch(() => '');
    if (!status.includes('install ok installed')) missing.push(name);
  }
  return missing;
}

/** Installs missing packages with apt-get when it can, and otherwise says exactly what to run. */
export async function ensureDebianPackages(say: (line: string) => void, packages: readonly string[] = DEBIAN_PACKAGES): Promise<void> {
  const missing = await missingDebianPackages(packages);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`The test host needs these Debian packages: ${missing.join(', ')}.\nInstall them as root, then run this again:\n  sudo sh -c '${command}'`);
  }
  say(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await runCommand('apt-get', ['update'], { env });
    await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  } catch (err) {
    throw new Error(`Could not install the Debian packages ${missing.join(', ')}: ${(err as Error).message}\nInstall them by hand, then run this again:\n  ${command}`);
  }
  const still = await missingDebianPackages(missing);
  if (still.length > 0) throw new Error(`apt-get finished but these are still missing: ${still.join(', ')}. Run: ${command}`);
}
