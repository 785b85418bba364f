import type { Emulator } from '../core/emulator';
import { invalidArgument } from '../core/errors';
import { cloneJson } from '../core/json';
import { paginate, withNextPage } from '../core/paging';
import { pageRequest, restRoute } from '../cloudbuild/rest-dispatch';
import { stringAt } from '../models/field-errors';
import { allProjects, compileProjectQuery, findProject, toV1Project } from './projects';

const V3 = 'google.cloud.resourcemanager.v3.Projects';
const V1 = 'google.cloudresourcemanager.v1.Projects';
const PAGE = { defaultSize: 500, maxSize: 1000 };

/**
 * Resource Manager: the v3 Projects reads the Node client uses (gRPC and REST from the
 * library's protos), and the v1 `GET /v1/projects[/{id}]` that `gcloud projects list/describe`
 * call, both over the same projects. Every project is visible to every caller.
 */
export function registerResourceManager(emu: Emulator): void {
  emu.registry.service(V3, {
    async GetProject(req) {
      return findProject(emu, stringAt(req.name));
    },

    async ListProjects(req) {
      const parent = stringAt(req.parent);
      if (!/^(organizations|folders)\/\d+$/.test(parent)) {
        throw invalidArgument(`Invalid parent: ${parent}`, [{ field: 'parent', description: 'Must be organizations/{id} or folders/{id}.' }]);
      }
      const all = allProjects(emu).filter((p) => p.parent === parent && (req.showDeleted === true || p.state === 'ACTIVE'));
      const page = paginate(all, req, { ...PAGE, query: `${parent}|${String(req.showDeleted)}` });
      return withNextPage({ projects: page.items.map((p) => cloneJson(p)) }, page);
    },

    async SearchProjects(req) {
      const query = stringAt(req.query);
      const matches = compileProjectQuery(query);
      const page = paginate(allProjects(emu).filter(matches), req, { ...PAGE, query });
      return withNextPage({ projects: page.items.map((p) => cloneJson(p)) }, page);
    },
  });

  emu.addRoute(
    restRoute(emu, '/cloudresourcemanager', [
      {
        verb: 'GET',
        pattern: /^\/v1\/projects$/,
        id: `${V1}.List`,
        run: ({ query }) => {
          const filter = query.get('filter') ?? '';
          const matches = compileProjectQuery(filter, 'filter');
          const page = paginate(allProjects(emu).filter(matches), pageRequest(query), { ...PAGE, query: filter });
          return withNextPage({ projects: page.items.map(toV1Project) }, page);
        },
      },
      {
        verb: 'GET',
        pattern: /^\/v1\/projects\/(?<project>[^/:]+)$/,
        id: `${V1}.Get`,
        run: ({ params }) => toV1Project(findProject(emu, params.project)),
      },
    ]),
  );
}
