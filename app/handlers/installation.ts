import type { Probot } from 'probot';
import { ensureLabels } from '../../src/github/app-labels.js';
import { octokitOf } from '../runtime.js';

/** On installation, the labels of the app's issues in every repository it was given. */
export function installation(app: Probot): void {
  app.on(['installation.created', 'installation.new_permissions_accepted', 'installation_repositories.added'], async (context) => {
    const payload = context.payload;
    const owner = payload.installation.account && 'login' in payload.installation.account ? payload.installation.account.login : undefined;
    const repositories = 'repositories_added' in payload ? payload.repositories_added : (payload.repositories ?? []);
    for (const repository of repositories) {
      const [repoOwner, repo] = repository.full_name.split('/');
      const created = await ensureLabels(octokitOf(context), { owner: repoOwner ?? owner, repo });
      if (created.length > 0) context.log.info(`created labels ${created.join(', ')} in ${repository.full_name}`);
    }
  });
}
