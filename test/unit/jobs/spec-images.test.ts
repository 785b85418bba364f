// The prebuilt training image table (data/prebuilt-images.json, from the docs' "Prebuilt containers
// for custom training" page) and the image reference rules built on it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableSuccessor, checkImageUri, isAvailable, parseImageReference, prebuiltImageFor, prebuiltImages, prebuiltImageUris } from '../../../src/jobs/spec-images';

describe('prebuilt training images', () => {
  it('lists each image once, with ordered ISO dates and known accelerators', () => {
    const images = prebuiltImages();
    assert.ok(images.length >= 60);
    assert.equal(new Set(images.map((i) => i.name)).size, images.length);
    for (const image of images) {
      assert.match(image.endOfSupport, /^\d{4}-\d{2}-\d{2}$/, image.name);
      assert.match(image.endOfAvailability, /^\d{4}-\d{2}-\d{2}$/, image.name);
      assert.ok(image.endOfSupport <= image.endOfAvailability, image.name);
      assert.ok(image.accelerators.length > 0 && image.accelerators.every((a) => ['cpu', 'gpu', 'tpu'].includes(a)), image.name);
    }
  });

  it('gives every image a URI per regional host that parses back to the same image', () => {
    for (const image of prebuiltImages()) {
      const uris = prebuiltImageUris(image.name);
      assert.equal(uris.length, 3);
      for (const uri of uris) {
        const reference = parseImageReference(uri);
        assert.ok(reference, uri);
        assert.equal(prebuiltImageFor(reference)?.image?.name, image.name);
        assert.deepEqual(checkImageUri(uri, ['x'], { machine: image.accelerators[0] }), [], uri);
      }
    }
  });

  it('matches the docs\' examples', () => {
    const byName = new Map(prebuiltImages().map((i) => [i.name, i]));
    assert.deepEqual(byName.get('pytorch-gpu.2-4.py310')?.accelerators, ['gpu']);
    assert.equal(byName.get('pytorch-gpu.2-4.py310')?.endOfAvailability, '2026-07-24');
    assert.deepEqual(byName.get('tf-tpu.2-15.cp310')?.accelerators, ['tpu']);
    assert.deepEqual(byName.get('pytorch-gpu.1-13.py310')?.accelerators, ['cpu', 'gpu']);
  });
});

describe('end of availability', () => {
  const image = (name: string) => {
    const found = prebuiltImages().find((i) => i.name === name);
    assert.ok(found, name);
    return found;
  };
  const uri = (name: string) => `europe-docker.pkg.dev/vertex-ai/training/${name}:latest`;

  it('counts the end-of-availability day as unavailable', () => {
    assert.equal(isAvailable(image('tf-gpu.2-17.py310'), new Date('2026-07-10T23:59:59Z')), true);
    assert.equal(isAvailable(image('tf-gpu.2-17.py310'), new Date('2026-07-11T00:00:00Z')), false);
  });

  it('offers the listed image of the same kind that is still available, on the same host', () => {
    const today = new Date('2025-12-01');
    assert.equal(availableSuccessor(image('tf-cpu.2-15.py310'), today)?.name, 'tf-cpu.2-17.py310');
    assert.equal(availableSuccessor(image('pytorch-gpu.2-1.py310'), today)?.name, 'pytorch-gpu.2-4.py310');
    // pytorch-xla 2.2 stays available after 2.4 does, but is an older version.
    assert.equal(availableSuccessor(image('pytorch-xla.2-4.py310'), new Date('2026-08-01')), undefined);
    assert.equal(availableSuccessor(image('pytorch-xla.2-1.py310'), new Date('2026-08-01'))?.name, 'pytorch-xla.2-2.py310');
    assert.equal(availableSuccessor(image('scikit-learn-cpu.0-23'), today)?.name, 'sklearn-cpu.1-6');
    const [problem] = checkImageUri(uri('tf-cpu.2-15.py310'), ['x'], { machine: 'cpu', today });
    assert.equal(problem.rule, 'prebuilt-image-unavailable');
    assert.match(problem.message, /Use tf-cpu\.2-17\.py310, available until 2026-07-11/);
    assert.deepEqual(problem.fixes?.map((f) => f.ops), [[{ kind: 'set', path: ['x'], value: uri('tf-cpu.2-17.py310') }]]);
  });

  it('past end of support but still available: a note with the newer image', () => {
    const problems = checkImageUri(uri('tf-gpu.2-16.py310'), ['x'], { machine: 'gpu', today: new Date('2025-08-01') });
    assert.deepEqual(problems.map((p) => [p.rule, p.severity]), [['prebuilt-image-unsupported', 'info']]);
    assert.equal(problems[0].fixes?.[0]?.title, 'Use tf-gpu.2-17.py310');
  });

  it('says so, and points to the docs, when no listed image of that kind is still available', () => {
    const today = new Date('2026-11-22');
    assert.equal(availableSuccessor(image('pytorch-gpu.2-3.py310'), today), undefined);
    const [problem] = checkImageUri(uri('pytorch-gpu.2-4.py310'), ['x'], { machine: 'gpu', today });
    assert.equal(problem.rule, 'prebuilt-image-unavailable');
    assert.match(problem.message, /No pytorch image in this extension's list is newer and still available; see https:\/\/cloud\.google\.com\/vertex-ai\/docs\/training\/pre-built-containers/);
    assert.deepEqual(problem.fixes, []);
  });
});

describe('image references', () => {
  it('parses registry, path, tag and digest', () => {
    assert.deepEqual(parseImageReference('us-central1-docker.pkg.dev/p/r/img:v1.2'), { host: 'us-central1-docker.pkg.dev', path: 'p/r/img', tag: 'v1.2', digest: undefined });
    assert.deepEqual(parseImageReference('localhost:5000/img@sha256:' + 'a'.repeat(64)), { host: 'localhost:5000', path: 'img', tag: undefined, digest: `sha256:${'a'.repeat(64)}` });
    assert.deepEqual(parseImageReference('pytorch/pytorch:latest'), { host: undefined, path: 'pytorch/pytorch', tag: 'latest', digest: undefined });
    for (const bad of ['', 'gcr.io/p/Img', 'gcr.io/p/i:', 'gcr.io//i', 'gcr.io/p/i@sha256:abc', 'a b']) {
      assert.equal(parseImageReference(bad), undefined, bad);
    }
  });

  it('warns about registries a job cannot pull from, and unknown prebuilt names', () => {
    assert.deepEqual(checkImageUri('ghcr.io/o/i:1', ['x'], {}).map((p) => p.rule), ['image-registry']);
    const unknown = checkImageUri('us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-44.py310:latest', ['x'], {});
    assert.deepEqual(unknown.map((p) => p.rule), ['prebuilt-image-unknown']);
    assert.match(unknown[0].message, /did you mean pytorch-gpu\.2-4\.py310/);
  });
});
