import { randomUUID } from 'node:crypto';
import type { Emulator } from '../core/emulator';
import type { HttpRoute } from '../core/http-route';
import type { JsonObject } from '../core/json';
import { cloneJson } from '../core/json';
import { invalidArgument, notFound } from '../core/errors';
import { paginate, withNextPage } from '../core/paging';
import { projectId } from '../core/resource-names';
import { pageRequest, restRoute } from '../cloudbuild/rest-dispatch';
import type { RestMethod } from '../cloudbuild/rest-dispatch';
import { DOCKER_IMAGES, createRepository, dockerImageId, getRepository, listDockerImages, listRepositories, repositoryName } from './repositories';

const SERVICE = 'google.devtools.artifactregistry.v1.ArtifactRegistry';
const TYPE = 'type.googleapis.com/google.devtools.artifactregistry.v1';
const OPERATIONS = 'artifactregistry.operations';
const LOCATION = '(?<project>[^/]+)/locations/(?<location>[^/]+)';

/** Regions offered by ListLocations (gcloud lists repositories in each when no location is given). */
export const AR_LOCATIONS = [
  'asia', 'asia-east1', 'asia-northeast1', 'asia-southeast1', 'europe', 'europe-west1', 'europe-west4',
  'us', 'us-central1', 'us-east1', 'us-east4', 'us-west1',
];

/**
 * Artifact Registry v1: locations, repositories (list, get, create as an operation) and
 * Docker images (list, get), under `/artifactregistry/v1/...` and, except v1 locations and
 * operations it did not start, at `/v1/...`.
 */
export function artifactRegistryRoutes(emu: Emulator): HttpRoute {
  const store = emu.store;
  const methods: RestMethod[] = [
    {
      verb: 'GET',
      // gcloud lists locations through v1beta2, a version no other API on the port has.
      pattern: /^\/(?<version>v1|v1beta2)\/projects\/(?<project>[^/]+)\/locations$/,
      id: 'google.cloud.location.Locations.ListLocations',
      atRoot: (p) => p.version === 'v1beta2',
      run: ({ params, query }) => {
        const project = projectId(store, params.project);
        const all = AR_LOCATIONS.map((l) => ({ name: `projects/${project}/locations/${l}`, locationId: l }));
        const page = paginate(all, pageRequest(query), { query: project });
        return withNextPage({ locations: page.items }, page);
      },
    },
    {
      verb: 'GET',
      pattern: new RegExp(`^/v1/projects/${LOCATION}/operations/(?<id>[^/]+)$`),
      id: `google.longrunning.Operations.GetOperation`,
      atRoot: (p) => store.collection(OPERATIONS).has(`projects/${projectId(store, p.project)}/locations/${p.location}/operations/${p.id}`),
      run: ({ params }) => {
        const op = store.collection<JsonObject>(OPERATIONS).get(`projects/${projectId(store, params.project)}/locations/${params.location}/operations/${params.id}`);
        if (!op) throw notFound('Requested entity was not found.');
        return cloneJson(op);
      },
    },
    {
      verb: 'GET',
      pattern: new RegExp(`^/v1/projects/${LOCATION}/repositories$`),
      id: `${SERVICE}.ListRepositories`,
      run: ({ params, query }) => {
        const page = paginate(listRepositories(store, params.project, params.location), pageRequest(query), {
          query: `${params.project}/${params.location}`,
        });
        return withNextPage({ repositories: page.items }, page);
      },
    },
    {
      verb: 'POST',
      pattern: new RegExp(`^/v1/projects/${LOCATION}/repositories$`),
      id: `${SERVICE}.CreateRepository`,
      run: ({ params, query, body }) => {
        const repositoryId = query.get('repositoryId') ?? (typeof body.repositoryId === 'string' ? body.repositoryId : '');
        if (!repositoryId) throw invalidArgument('repository_id is required', [{ field: 'repository_id', description: 'required' }]);
        const repository = createRepository(store, params.project, params.location, repositoryId, body);
        const name = `projects/${projectId(store, params.project)}/locations/${params.location}/operations/${randomUUID()}`;
        const op: JsonObject = {
          name,
          metadata: { '@type': `${TYPE}.OperationMetadata` },
          done: true,
          response: { '@type': `${TYPE}.Repository`, ...repository },
        };
        store.put(OPERATIONS, name, op);
        return cloneJson(op);
      },
    },
    {
      verb: 'GET',
      pattern: new RegExp(`^/v1/projects/${LOCATION}/repositories/(?<repository>[^/]+)$`),
      id: `${SERVICE}.GetRepository`,
      run: ({ params }) => getRepository(store, repositoryName(store, params.project, params.location, params.repository)),
    },
    {
      verb: 'GET',
      pattern: new RegExp(`^/v1/projects/${LOCATION}/repositories/(?<repository>[^/]+)/dockerImages$`),
      id: `${SERVICE}.ListDockerImages`,
      run: ({ params, query }) => {
        const repoName = repositoryName(store, params.project, params.location, params.repository);
        getRepository(store, repoName);
        const page = paginate(listDockerImages(store, repoName), pageRequest(query), { query: repoName });
        return withNextPage({ dockerImages: page.items }, page);
      },
    },
    {
      verb: 'GET',
      pattern: new RegExp(`^/v1/projects/${LOCATION}/repositories/(?<repository>[^/]+)/dockerImages/(?<image>[^/]+)$`),
      id: `${SERVICE}.GetDockerImage`,
      run: ({ params }) => {
        const repoName = repositoryName(store, params.project, params.location, params.repository);
        const image = store.collection<JsonObject>(DOCKER_IMAGES).get(`${repoName}/dockerImages/${dockerImageId(params.image)}`);
        if (!image) throw notFound('Requested entity was not found.');
        return cloneJson(image);
      },
    },
  ];
  return restRoute(emu, '/artifactregistry', methods);
}
