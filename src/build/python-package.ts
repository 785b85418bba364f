// Python code without Docker, like the SDK's CustomJob.from_local_script: a source distribution
// built in pure Node, uploaded to the spec's packageUri for a prebuilt executor image to install.
import { ApiCallError } from '../cloud/restJson';
import type { Connection } from '../cloud/connection';
import { uploadStream } from '../cloud/storage';
import { buildSdist } from '../jobs/sdist';
import { parseGcsUri } from '../jobs/spec-rules-shape';

export interface UploadedPackage {
  uri: string;
  fileName: string;
  members: string[];
}

export class PackageUploadError extends Error {
  override readonly name = 'PackageUploadError';
}

export async function uploadPythonPackage(conn: Connection, root: string, packageUri: string, onLine: (line: string) => void): Promise<UploadedPackage> {
  const target = parseGcsUri(packageUri);
  if (target === undefined || target.object === '') {
    throw new PackageUploadError(`local.pythonPackage.packageUri must be gs://BUCKET/PATH/NAME.tar.gz, not ${packageUri}.`);
  }
  const sdist = await buildSdist({ root });
  for (const skipped of sdist.skippedRequirements) onLine(`Warning: requirements.txt line ${skipped.line} ("${skipped.text}") is not packaged: ${skipped.reason}`);
  if (sdist.ignoredSensitive.length > 0) {
    onLine(`Left out of the package for safety: ${sdist.ignoredSensitive.map((s) => `${s.path} (${s.reason})`).join(', ')}.`);
  }
  onLine(`Built ${sdist.fileName}: packages ${sdist.packages.join(', ')}; ${sdist.members.length} archive members; requires ${sdist.requirements.join(', ') || 'nothing'}.`);
  try {
    const uploaded = await uploadStream(conn, target, sdist.stream(), 'application/gzip');
    onLine(`Uploaded ${sdist.fileName} to ${uploaded.uri} (${uploaded.bytes} bytes).`);
    return { uri: uploaded.uri, fileName: sdist.fileName, members: sdist.members };
  } catch (err) {
    if (err instanceof ApiCallError && err.api.status === 'NOT_FOUND') {
      throw new PackageUploadError(`The bucket ${target.bucket} does not exist, so ${sdist.fileName} could not be uploaded to ${packageUri}. Create the bucket (in the job's region) or fix local.pythonPackage.packageUri.`);
    }
    if (err instanceof ApiCallError && err.api.status === 'PERMISSION_DENIED') {
      throw new PackageUploadError(`You may not write to ${packageUri}: ${err.api.message} (needs roles/storage.objectCreator on the bucket).`);
    }
    throw err;
  }
}
