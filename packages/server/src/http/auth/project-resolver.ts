import type { ProjectStore } from '@glassbox/store';
import { ApiError } from '../../errors/api-error.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Finds the caller's project from the Authorization header: `Bearer <key>` selects the key's
 * project; without a header, requests go to the `default` project while no API key exists
 * at all, and are refused once one does.
 *
 * @example
 * const projectId = await resolver.resolve(request.headers.authorization);
 */
export class ProjectResolver {
  private keysExist = false;
  private defaultProjectId: string | undefined;

  constructor(private readonly projects: ProjectStore) {}

  async resolve(authorization: string | undefined): Promise<string> {
    if (authorization === undefined || authorization.trim() === '') {
      // Keys are never deleted, so once some exist the answer cannot change back.
      this.keysExist ||= await this.projects.hasApiKeys();
      if (this.keysExist) {
        throw new ApiError(
          'unauthorized',
          'an API key is required: send the header "Authorization: Bearer <key>"',
        );
      }
      this.defaultProjectId ??= (await this.projects.ensureProject('default')).id;
      return this.defaultProjectId;
    }
    const key = BEARER.exec(authorization)?.[1];
    if (!key) {
      throw new ApiError('unauthorized', 'malformed Authorization header: expected "Bearer <key>"');
    }
    const project = await this.projects.resolveApiKey(key);
    if (!project) throw new ApiError('unauthorized', 'unknown API key');
    return project.id;
  }
}
