import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_ENDPOINT_IDS } from '../../emulator/endpoints/seed';
import { predictionFor } from '../../emulator/endpoints/prediction';
import { useDemoEmulator } from './demoEmulator';
import { toApiError } from '../../../src/cloud/apiErrors';
import { jsonErrorPosition } from '../../../src/cloud/jsonErrorPosition';
import { InvalidInputError } from '../../../src/cloud/invalidInput';
import { parsePredictRequest, predict, toProtoValue } from '../../../src/cloud/prediction';
import { plainValue } from '../../../src/cloud/trainingJobRead';

describe('the predict request a user writes', () => {
  test('takes {"instances": [...]} with parameters, or a bare array', () => {
    assert.deepEqual(parsePredictRequest('{"instances": [{"x": 1}], "parameters": {"topK": 3}}', 'req.json'), { instances: [{ x: 1 }], parameters: { topK: 3 } });
    assert.deepEqual(parsePredictRequest('[[1, 2], [3, 4]]', 'the selection'), { instances: [[1, 2], [3, 4]] });
  });

  test('malformed JSON is reported with its line and column', () => {
    const text = '{\n  "instances": [\n    {"x": 1},\n    {"x": }\n  ]\n}';
    assert.throws(() => parsePredictRequest(text, 'req.json'), (err: unknown) => {
      assert.ok(err instanceof InvalidInputError);
      assert.match(err.message, /^req\.json is not valid JSON at line 4, column 11: /);
      assert.deepEqual(err.position, { offset: 43, line: 4, column: 11 });
      return true;
    });
  });

  test('other shapes and empty lists are refused with what to write instead', () => {
    assert.throws(() => parsePredictRequest('{"inputs": [1]}', 'req.json'), /must be \{"instances": \[\.\.\.\]\}/);
    assert.throws(() => parsePredictRequest('{"instances": 5}', 'req.json'), /"instances" in req\.json must be a JSON array/);
    assert.throws(() => parsePredictRequest('[]', 'req.json'), /has no instances/);
    assert.throws(() => parsePredictRequest('  ', 'the selection'), /the selection is empty/);
  });

  test('the error scanner agrees with JSON.parse on what is valid', () => {
    for (const ok of ['1', '"a\\u00e9"', '{"a":[true,false,null,-1.5e3]}', ' [ ] ']) assert.equal(jsonErrorPosition(ok), undefined, ok);
    assert.deepEqual(jsonErrorPosition('[1,]'), { offset: 3, line: 1, column: 4 });
    assert.deepEqual(jsonErrorPosition('{"a" 1}'), { offset: 5, line: 1, column: 6 });
    assert.deepEqual(jsonErrorPosition('[1]\n x'), { offset: 5, line: 2, column: 2 });
    assert.deepEqual(jsonErrorPosition('"abc'), { offset: 4, line: 1, column: 5 });
  });

  test('JSON goes out as google.protobuf.Value and comes back the same', () => {
    const value = { a: [1, 'two', true, null], b: { c: 2.5 } };
    assert.deepEqual(plainValue(toProtoValue(value)), value);
  });
});

for (const transport of ['grpc', 'rest'] as const) {
  describe(`predict over ${transport}`, () => {
    const endpoint = (id: string) => `projects/demo-project/locations/us-central1/endpoints/${id}`;
    const demo = useDemoEmulator(transport);

    test('returns the deployed model\'s predictions with the latency', async () => {
      const instances = [{ tenure: 3, plan: 'basic' }, { tenure: 40, plan: 'pro' }];
      const result = await predict(demo.clients, endpoint(DEMO_ENDPOINT_IDS.churn), { instances });
      assert.equal(result.deployedModelId, '5101000000000000001');
      assert.deepEqual(result.predictions, instances.map((i) => predictionFor('5101000000000000001', i)));
      assert.equal(result.modelVersionId, '1');
      assert.ok(result.latencyMs >= 0);
    });

    test('an error from the serving side comes back as the API said it', async () => {
      await assert.rejects(predict(demo.clients, endpoint(DEMO_ENDPOINT_IDS.staging), { instances: [[1]] }), (err: unknown) => {
        const api = toApiError(err);
        assert.equal(api?.status, 'FAILED_PRECONDITION');
        assert.match(api?.message ?? '', /does not have any deployed model/);
        return true;
      });
      await assert.rejects(predict(demo.clients, endpoint(DEMO_ENDPOINT_IDS.churn), { instances: [1, 'a'] }), (err: unknown) => toApiError(err)?.status === 'INVALID_ARGUMENT');
    });

    test('an endpoint in another region is refused before any call, naming both regions', async () => {
      await assert.rejects(predict(demo.clients, 'projects/demo-project/locations/europe-west4/endpoints/1', { instances: [1] }), /is in europe-west4, but the current region is us-central1/);
    });
  });
}
