import { ensureHostInstalled, isHostInstalled } from './installer';
import { hostInstallDir } from './paths';

async function main(): Promise<void> {
  const started = Date.now();
  if (isHostInstalled()) {
    console.log(`code-server is already installed in ${hostInstallDir()}.`);
    return;
  }
  await ensureHostInstalled();
  console.log(`Test host ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
