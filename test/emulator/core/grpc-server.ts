import * as grpc from '@grpc/grpc-js';
import type { Duplex } from 'node:stream';
import type protobuf from 'protobufjs';
import { admit } from './dispatch';
import type { Emulator } from './emulator';
import { ApiError, Code, toApiError } from './errors';
import type { JsonObject } from './json';
import { jsonToMessage } from './proto-json-read';
import { messageToJson } from './proto-json';
import { allMethods, lookupType } from './protos';
import type { MethodInfo } from './protos';
import type { CallContext, StreamWriter } from './registry';

type AnyCall = grpc.ServerUnaryCall<Buffer, Buffer> | grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;

/**
 * gRPC over h2c for every RPC in the shipped protos. Messages pass through grpc-js as
 * bytes; protobufjs decodes them to proto3 JSON for the handlers and encodes the answers.
 * Sockets come from the shared port through a connection injector.
 */
export function createGrpcServer(emu: Emulator): { inject(socket: Duplex): void; close(): void } {
  const server = new grpc.Server();
  for (const info of allMethods().values()) {
    const type = info.method.requestStream
      ? info.method.responseStream ? 'bidi' : 'clientStream'
      : info.method.responseStream ? 'serverStream' : 'unary';
    if (type === 'clientStream') continue;
    const handler = type === 'unary' ? unary(emu, info) : type === 'serverStream' ? serverStream(emu, info) : bidi(emu, info);
    server.register(`/${info.fullName.replace(/\.(\w+)$/, '/$1')}`, handler, (b: Buffer) => b, (b: Buffer) => b, type);
  }
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  return {
    inject: (socket) => injector.injectConnection(socket),
    close: () => {
      injector.destroy();
      server.forceShutdown();
    },
  };
}

function context(emu: Emulator, info: MethodInfo, call: AnyCall): CallContext {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.metadata.getMap())) if (typeof v === 'string') metadata[k.toLowerCase()] = v;
  const abort = new AbortController();
  const emitter = call as unknown as NodeJS.EventEmitter;
  emitter.on('cancelled', () => abort.abort());
  emitter.on('close', () => abort.abort());
  return { method: info.fullName, transport: 'grpc', metadata, emu, signal: abort.signal };
}

function decode(type: protobuf.Type, bytes: Buffer): JsonObject {
  try {
    return messageToJson(type, type.decode(bytes)) as JsonObject;
  } catch (e) {
    throw new ApiError(Code.INVALID_ARGUMENT, `Could not parse the request: ${(e as Error).message}`);
  }
}

/** A handler's answer that does not fit the proto is the emulator's bug, not the caller's. */
function encode(type: protobuf.Type, json: JsonObject): Buffer {
  try {
    return Buffer.from(type.encode(jsonToMessage(type, json)).finish());
  } catch (e) {
    throw new ApiError(Code.INTERNAL, `Emulator produced an invalid ${type.fullName}: ${(e as Error).message}`);
  }
}

/** The status with details, as `grpc-status-details-bin` carries it for google-gax. */
export function grpcStatus(e: unknown): Partial<grpc.StatusObject> {
  const err = toApiError(e);
  const metadata = new grpc.Metadata();
  const statusType = lookupType('google.rpc.Status');
  if (statusType) {
    try {
      metadata.set('grpc-status-details-bin', Buffer.from(statusType.encode(jsonToMessage(statusType, err.toStatusJson())).finish()));
    } catch {
      // Details with an unknown @type: send the status without them.
    }
  }
  return { code: err.code, details: err.message, metadata };
}

function unary(emu: Emulator, info: MethodInfo): grpc.handleUnaryCall<Buffer, Buffer> {
  return (call, callback) => {
    const ctx = context(emu, info, call);
    (async () => {
      const reg = await admit(emu, info.fullName, ctx.metadata);
      if (reg.kind !== 'unary') throw new ApiError(Code.UNIMPLEMENTED, `${info.fullName} is not unary here.`);
      const out = await reg.handler(decode(info.requestType, call.request), ctx);
      return encode(info.responseType, out);
    })().then(
      (bytes) => callback(null, bytes),
      (e: unknown) => callback(grpcStatus(e)),
    );
  };
}

function writer(info: MethodInfo, call: grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>): StreamWriter {
  return { write: (msg) => void call.write(encode(info.responseType, msg)) };
}

function serverStream(emu: Emulator, info: MethodInfo): grpc.handleServerStreamingCall<Buffer, Buffer> {
  return (call) => {
    const ctx = context(emu, info, call);
    (async () => {
      const reg = await admit(emu, info.fullName, ctx.metadata);
      if (reg.kind !== 'serverStream') throw new ApiError(Code.UNIMPLEMENTED, `${info.fullName} is not server-streaming here.`);
      await reg.handler(decode(info.requestType, call.request), ctx, writer(info, call));
    })().then(
      () => call.end(),
      (e: unknown) => void call.emit('error', Object.assign(new Error(toApiError(e).message), grpcStatus(e))),
    );
  };
}

function bidi(emu: Emulator, info: MethodInfo): grpc.handleBidiStreamingCall<Buffer, Buffer> {
  return (call) => {
    const ctx = context(emu, info, call);
    (async () => {
      const reg = await admit(emu, info.fullName, ctx.metadata);
      if (reg.kind !== 'bidi') throw new ApiError(Code.UNIMPLEMENTED, `${info.fullName} is not bidi-streaming here.`);
      await reg.handler(incoming(info, call), ctx, writer(info, call));
    })().then(
      () => call.end(),
      (e: unknown) => void call.emit('error', Object.assign(new Error(toApiError(e).message), grpcStatus(e))),
    );
  };
}

async function* incoming(info: MethodInfo, call: grpc.ServerDuplexStream<Buffer, Buffer>): AsyncIterable<JsonObject> {
  for await (const chunk of call as AsyncIterable<Buffer>) yield decode(info.requestType, chunk);
}
