import * as grpc from '@grpc/grpc-js';
import type { JsonObject } from './json';
import { jsonToMessage } from './proto-json-read';
import { messageToJson } from './proto-json';
import { lookupType, methodInfo } from './protos';

/** Small clients for the emulator's own tests; the conformance tests use Google's clients instead. */
export interface RestResult {
  status: number;
  body: JsonObject;
}

export async function rest(baseUrl: string, verb: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestResult> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: verb,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as JsonObject) : {} };
}

export interface GrpcFailure extends Error {
  code: number;
  details: string;
  metadata: grpc.Metadata;
}

/** The google.rpc.Status carried in `grpc-status-details-bin`, as proto3 JSON. */
export function statusDetails(err: GrpcFailure): JsonObject | undefined {
  const bin = err.metadata?.get('grpc-status-details-bin')[0];
  const type = lookupType('google.rpc.Status');
  if (!bin || !type) return undefined;
  return messageToJson(type, type.decode(bin as Buffer)) as JsonObject;
}

export class GrpcTestClient {
  private readonly client: grpc.Client;

  constructor(port: number) {
    this.client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  unary(method: string, request: JsonObject, metadata: Record<string, string> = {}): Promise<JsonObject> {
    const info = methodInfo(method);
    if (!info) throw new Error(`no method ${method}`);
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(metadata)) md.set(k, v);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        `/${method.replace(/\.(\w+)$/, '/$1')}`,
        (req: JsonObject) => Buffer.from(info.requestType.encode(jsonToMessage(info.requestType, req)).finish()),
        (buf: Buffer) => messageToJson(info.responseType, info.responseType.decode(buf)) as JsonObject,
        request,
        md,
        (err, res) => (err ? reject(err) : resolve(res!)),
      );
    });
  }

  close(): void {
    this.client.close();
  }
}
