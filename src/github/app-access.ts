import type { Octokit } from 'octokit';
import { statusOf } from './client.js';

export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** GitHub's legacy permission names: maintain is reported as write, triage as read. */
export type Permission = 'admin' | 'write' | 'read' | 'none';

/**
 * Who may do what, asked of GitHub for one webhook delivery: each person's permission and team
 * membership is looked up once per delivery, never cached beyond it, so a change of role counts
 * from the next event on.
 */
export class AccessLookup {
  private readonly permissions = new Map<string, Promise<Permission>>();
  private readonly memberships = new Map<string, Promise<boolean>>();

  constructor(private readonly octokit: Octokit, private readonly repository: RepositoryRef) {}

  permission(login: string): Promise<Permission> {
    const key = login.toLowerCase();
    let found = this.permissions.get(key);
    if (!found) {
      found = this.lookUpPermission(login);
      this.permissions.set(key, found);
    }
    return found;
  }

  async canWrite(login: string): Promise<boolean> {
    const permission = await this.permission(login);
    return permission === 'admin' || permission === 'write';
  }

  /** Whether the person is the principal (`@login`) or a member of it (`@org/team`). */
  isPrincipal(login: string, principal: string): Promise<boolean> {
    const [org, team] = principal.replace(/^@/, '').split('/');
    if (team === undefined) return Promise.resolve(org.toLowerCase() === login.toLowerCase());
    const key = `${principal.toLowerCase()} ${login.toLowerCase()}`;
    let found = this.memberships.get(key);
    if (!found) {
      found = this.lookUpMembership(org, team, login);
      this.memberships.set(key, found);
    }
    return found;
  }

  /** The principals among `principals` that the person is or belongs to. */
  async principalsOf(login: string, principals: string[]): Promise<string[]> {
    const unique = [...new Set(principals)];
    const matches = await Promise.all(unique.map((principal) => this.isPrincipal(login, principal)));
    return unique.filter((_, index) => matches[index]);
  }

  private async lookUpPermission(login: string): Promise<Permission> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.repository, username: login });
      return (['admin', 'write', 'read'] as const).find((level) => level === data.permission) ?? 'none';
    } catch (error) {
      // Someone who is no collaborator (or no longer exists) has no permission at all.
      if (statusOf(error) === 404) return 'none';
      throw error;
    }
  }

  private async lookUpMembership(org: string, team: string, login: string): Promise<boolean> {
    try {
      const { data } = await this.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: login });
      // An invitation not yet accepted is no membership.
      return data.state === 'active';
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }
}
