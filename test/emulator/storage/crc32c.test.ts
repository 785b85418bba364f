import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32cBase64, crc32cUpdate } from './crc32c';

test('matches the CRC-32C check values of RFC 3720 and the standard check string', () => {
  assert.equal(crc32cUpdate(0, Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32cUpdate(0, Buffer.alloc(32, 0)), 0x8a9136aa);
  assert.equal(crc32cUpdate(0, Buffer.alloc(32, 0xff)), 0x62a8ab43);
  const ascending = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  assert.equal(crc32cUpdate(0, ascending), 0x46dd794e);
  assert.equal(crc32cUpdate(0, Buffer.alloc(0)), 0);
});

test('is the same whether computed at once or across arbitrary chunk boundaries', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff));
  const whole = crc32cUpdate(0, data);
  for (const cut of [1, 3, 7, 8, 9, 500, 999]) {
    assert.equal(crc32cUpdate(crc32cUpdate(0, data.subarray(0, cut)), data.subarray(cut)), whole, `cut at ${cut}`);
  }
});

test('renders as base64 of the big-endian value, as the JSON API does', () => {
  assert.equal(crc32cBase64(0xe3069283), '4waSgw==');
  assert.equal(crc32cBase64(0), 'AAAAAA==');
});
