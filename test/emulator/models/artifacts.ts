import { invalidArgument } from '../core/errors';
import type { Store } from '../state/store';
import { listObjects, parseGsUri } from '../storage/objects';

/**
 * Prebuilt prediction containers load one model file from the top of artifactUri, and upload
 * refuses a directory without exactly one of them.
 */
const PREBUILT_FILES: Array<{ image: RegExp; files: string[] }> = [
  { image: /\/prediction\/tf2?-(cpu|gpu)\./, files: ['saved_model.pb', 'saved_model.pbtxt'] },
  { image: /\/prediction\/sklearn-(cpu|gpu)\./, files: ['model.joblib', 'model.pkl'] },
  { image: /\/prediction\/xgboost-(cpu|gpu)\./, files: ['model.bst', 'model.joblib', 'model.pkl'] },
  { image: /\/prediction\/pytorch-(cpu|gpu)\./, files: ['model.mar'] },
];

/** The files a prebuilt serving image needs at the top of artifactUri; undefined for custom images. */
export function requiredModelFiles(imageUri: string): string[] | undefined {
  return PREBUILT_FILES.find((p) => p.image.test(imageUri))?.files;
}

/**
 * Checks artifactUri against the emulated Cloud Storage: the directory must hold files, and for
 * a prebuilt image exactly one of the model files that image loads.
 */
export function checkArtifactUri(store: Store, artifactUri: string, imageUri: string): void {
  const gs = parseGsUri(artifactUri);
  if (!gs) {
    throw invalidArgument(`Invalid artifact_uri "${artifactUri}". It must be a Cloud Storage directory (gs://bucket/path).`, [
      { field: 'model.artifact_uri', description: 'must be a gs:// URI' },
    ]);
  }
  const prefix = gs.name === '' || gs.name.endsWith('/') ? gs.name : `${gs.name}/`;
  const names = listObjects(store, gs.bucket, prefix).map((o) => o.name.slice(prefix.length));
  const wanted = requiredModelFiles(imageUri);
  if (wanted) {
    const present = wanted.filter((f) => names.includes(f));
    if (present.length !== 1) {
      throw invalidArgument(`Model directory ${artifactUri} is expected to contain exactly one of: [${wanted.join(', ')}]`, [
        { field: 'model.artifact_uri', description: `expected exactly one of: [${wanted.join(', ')}]` },
      ]);
    }
    return;
  }
  if (names.length === 0) {
    throw invalidArgument(`Model directory ${artifactUri} is empty. Put the model artifacts in it before uploading the model.`, [
      { field: 'model.artifact_uri', description: 'the directory holds no files' },
    ]);
  }
}
