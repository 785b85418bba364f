import { basename } from 'node:path';

const SPEC_FILE = /\.vertex\.(ya?ml|json)$/i;

/** `*.vertex.yaml`, `*.vertex.yml` and `*.vertex.json`. */
export function isSpecPath(path: string): boolean {
  return SPEC_FILE.test(path);
}

/** `train.vertex.yaml` → `train`: the job's name when the file gives none. */
export function specStem(fileName: string): string {
  return basename(fileName).replace(SPEC_FILE, '') || basename(fileName);
}
