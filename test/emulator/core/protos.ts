import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

/**
 * The shipped protos, loaded once per process: Vertex AI (with google.longrunning),
 * Cloud Logging, Resource Manager v3, and google-gax's status protos for error details (google.rpc.BadRequest...).
 * They are separate roots because each carries its own copy of google.protobuf.
 */
let roots: protobuf.Root[] | undefined;

interface ProtoJson extends protobuf.INamespace {
  nested?: { [k: string]: ProtoJson };
}

function load(): protobuf.Root[] {
  if (!roots) {
    const files: Array<[string, string]> = [
      ['@google-cloud/aiplatform', 'build/protos/protos.json'],
      ['@google-cloud/logging-api', 'build/protos/protos.json'],
      ['@google-cloud/resource-manager', 'build/protos/protos.json'],
      ['google-gax', 'build/protos/status.json'],
    ];
    roots = files.map(([pkg, file]) => {
      const json = JSON.parse(readFileSync(join(packageDir(pkg), file), 'utf8')) as ProtoJson;
      // v1beta1 doubles the load time and neither gcloud's GA commands nor the v1 clients use it.
      delete json.nested?.google?.nested?.cloud?.nested?.aiplatform?.nested?.v1beta1;
      const root = protobuf.Root.fromJSON(json);
      root.resolveAll();
      return root;
    });
  }
  return roots;
}

/** The package's folder; their `exports` maps hide the proto files from require.resolve. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

export function lookupType(fullName: string): protobuf.Type | undefined {
  const name = fullName.replace(/^\./, '');
  for (const root of load()) {
    const found = root.lookup(name);
    if (found instanceof protobuf.Type) return found;
  }
  return undefined;
}

export interface MethodInfo {
  /** `google.cloud.aiplatform.v1.JobService.CreateCustomJob` */
  fullName: string;
  service: protobuf.Service;
  method: protobuf.Method;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
}

let methodIndex: Map<string, MethodInfo> | undefined;

/** Every RPC of every service in the shipped protos, by full name. */
export function allMethods(): Map<string, MethodInfo> {
  if (!methodIndex) {
    methodIndex = new Map();
    const visit = (ns: protobuf.NamespaceBase) => {
      for (const child of ns.nestedArray) {
        if (child instanceof protobuf.Service) {
          for (const method of child.methodsArray) {
            method.resolve();
            const fullName = `${child.fullName.slice(1)}.${method.name}`;
            if (!methodIndex!.has(fullName)) {
              methodIndex!.set(fullName, {
                fullName,
                service: child,
                method,
                requestType: method.resolvedRequestType!,
                responseType: method.resolvedResponseType!,
              });
            }
          }
        } else if (child instanceof protobuf.Namespace) visit(child);
      }
    };
    for (const root of load()) visit(root);
  }
  return methodIndex;
}

export function methodInfo(fullName: string): MethodInfo | undefined {
  return allMethods().get(fullName);
}

/** A binding from `google.api.http`: verb, path template and body field. */
export interface HttpBinding {
  verb: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: string;
}

export function httpBindings(method: protobuf.Method): HttpBinding[] {
  const out: HttpBinding[] = [];
  const add = (rule: Record<string, unknown>) => {
    for (const verb of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const path = rule[verb];
      if (typeof path === 'string') out.push(typeof rule.body === 'string' ? { verb, path, body: rule.body } : { verb, path });
    }
    const extra = rule.additional_bindings;
    for (const b of Array.isArray(extra) ? extra : extra ? [extra] : []) add(b as Record<string, unknown>);
  };
  for (const opt of method.parsedOptions ?? []) {
    const rule = (opt as Record<string, unknown>)['(google.api.http)'];
    if (rule && typeof rule === 'object') add(rule as Record<string, unknown>);
  }
  return out;
}
