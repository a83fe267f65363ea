import { describe, expect, it } from 'vitest';
import { Policy } from '../../../src/contracts/policy.js';
import { PackageManifest, VersionRecord } from '../../../src/contracts/registry.js';
import { buildAttestation, checkCanAttest, PREDICATE_TYPE, subjectChecksums } from '../../../src/registry/attestation.js';
import { renderModelCard } from '../../../src/registry/model-card.js';
import { planPromotion } from '../../../src/registry/promotion.js';
import { LIMITS } from '../../../src/report/markdown.js';

const commit = 'c'.repeat(40);

function version(number: number, metrics: Record<string, number | null>, overrides: Partial<VersionRecord> = {}): VersionRecord {
  return VersionRecord.parse({
    format: 'ghml.version/v1',
    model: 'churn',
    version: number,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'alice',
    release: { tag: `model/churn/v${number}`, id: 100 + number, url: `https://github.com/acme/ml/releases/tag/model%2Fchurn%2Fv${number}` },
    package: { digest: 'd'.repeat(64), bytes: 2048 },
    assets: [{ name: 'model.onnx', id: 7, size: 1000, sha256: 'e'.repeat(64) }],
    commit,
    run: '20260101T000000Z-abcd1234',
    evaluation: { id: 'f'.repeat(16), passed: true },
    dataValidation: { passed: true, failed: 0, warnings: 2 },
    metrics,
    lineage: {
      repositoryUrl: 'https://github.com/acme/ml',
      workflowRun: { id: '77', attempt: 2, url: 'https://github.com/acme/ml/actions/runs/77' },
      dataFingerprint: '1'.repeat(64),
      dataFiles: [{ path: 'data/train.csv', bytes: 48_219, sha256: '2'.repeat(64) }],
      evaluationDataFingerprint: '3'.repeat(64),
    },
    card: { description: 'Predicts churn.', intendedUse: 'Retention offers.', limitations: 'Not for new customers.', owners: ['@acme/churn'], task: 'binary' },
    tags: ['tabular'],
    attestation: null,
    ...overrides,
  });
}

const policy = Policy.parse({ stages: ['staging', 'production'] });

describe('promotion pull requests', () => {
  it('move one stage and set the challenger against the champion, with verdicts and lineage', () => {
    const plan = planPromotion({ policy, stage: 'production', aliases: { production: 3, staging: 4 }, challenger: version(4, { auc: 0.91, loss: 0.3 }), champion: version(3, { auc: 0.89, loss: 0.35, extra: 1 }) });
    expect(plan.aliases).toEqual({ staging: 4, production: 4 });
    expect(Object.keys(plan.aliases)).toEqual(['staging', 'production']);
    expect(plan).toMatchObject({ branch: 'ghml/promote/churn/production/v4', title: 'Promote churn to v4 in production', champion: 3 });
    expect(plan.body.startsWith('<!-- ghml:promotion {"model":"churn","stage":"production","version":4} -->')).toBe(true);
    expect(plan.body).toContain('production v3 → v4');
    expect(plan.body).toContain('| Metric | Champion v3 (production now) | Challenger v4 | Change |');
    expect(plan.body).toContain('| auc | 0.89 | 0.91 | +0.02 |');
    expect(plan.body).toContain('| loss | 0.35 | 0.3 | -0.05 |');
    expect(plan.body).toContain('| extra | 1 | — | — |');
    expect(plan.body).toContain('| Data validation | ✅ valid (0 failed, 2 warnings) |');
    expect(plan.body).toContain('| Evaluation | ✅ passed its gate |');
    expect(plan.body).toContain('| Holds staging | ✅ v4 is in staging |');
    expect(plan.body).toContain(`- Commit [\`${commit.slice(0, 12)}\`](https://github.com/acme/ml/commit/${commit})`);
    expect(plan.body).toContain('- Workflow run [77 (attempt 2)](https://github.com/acme/ml/actions/runs/77)');
    expect(plan.body).toContain(`- Training data fingerprint \`${'1'.repeat(64)}\``);
    expect(plan.body).toContain('## Intended use\n\nRetention offers.');
  });

  it('say when no version holds the stage yet, or the version skipped the stage before', () => {
    const plan = planPromotion({ policy, stage: 'production', aliases: {}, challenger: version(1, { auc: 0.8 }, { evaluation: null, dataValidation: null }), champion: null });
    expect(plan.body).toContain('_No version holds production yet: v1 would be the first._');
    expect(plan.body).toContain('| Holds staging | ⚠️ staging holds no version |');
    expect(plan.body).toContain('| Evaluation | ➖ not evaluated |');
    expect(plan.body).toContain('| Data validation | ➖ no validation report |');
  });

  it('refuse a stage the policy does not have, naming the ones it has', () => {
    expect(() => planPromotion({ policy, stage: 'prod', aliases: {}, challenger: version(1, {}), champion: null })).toThrow('"prod" is not a stage of the promotion policy: its stages are staging, production');
  });

  it('stay within GitHub\'s body limit whatever the model card holds', () => {
    const long = 'x'.repeat(200_000);
    const plan = planPromotion({ policy, stage: 'staging', aliases: {}, challenger: version(2, { auc: 0.9 }, { card: { description: long, intendedUse: long, limitations: null, owners: [], task: null } }), champion: null });
    expect(plan.body.length).toBeLessThanOrEqual(LIMITS.bodyCharacters);
    expect(plan.body).toContain('| Evaluation | ✅ passed its gate |');
    expect(plan.body).toContain('cut to fit GitHub');
  });
});

describe('model cards', () => {
  it('say what, who, data, metrics, limitations and lineage', () => {
    const card = renderModelCard(version(5, { auc: 0.912345, rows: 1200 }));
    expect(card).toMatch(/^# churn v5\n\nPredicts churn\.\n/);
    expect(card).toContain('| Owners | @acme/churn |');
    expect(card).toContain('| Registered | 2026-01-01T00:00:00.000Z by alice |');
    expect(card).toContain('## Limitations\n\nNot for new customers.');
    expect(card).toContain('| auc | 0.9123 |');
    expect(card).toContain('| rows | 1200 |');
    expect(card).toContain('_From the evaluation registered with this version._');
    expect(card).toContain('  - `data/train.csv` 48,219 bytes');
    expect(card).toContain('- Training run `runs/churn/20260101T000000Z-abcd1234.json` on the registry branch');
  });
});

describe('attestations', () => {
  const manifest = PackageManifest.parse({
    format: 'ghml.package/v1',
    model: 'churn',
    version: 4,
    createdAt: '2026-01-01T00:00:00.000Z',
    files: [
      { name: 'model.onnx', role: 'model', size: 1000, sha256: 'a'.repeat(64), parts: null },
      { name: 'model-card.md', role: 'model-card', size: 10, sha256: 'b'.repeat(64), parts: null },
    ],
  });

  it('name the manifest (the package digest) and each model file as subjects of an in-toto statement', () => {
    const record = version(4, { auc: 0.9 });
    const statement = buildAttestation(manifest, 'd'.repeat(64), { ...record, tag: 'model/churn/v4' });
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.predicateType).toBe(PREDICATE_TYPE);
    expect(statement.subject).toEqual([
      { name: 'model/churn/v4/ghml-package.json', digest: { sha256: 'd'.repeat(64) } },
      { name: 'model/churn/v4/model.onnx', digest: { sha256: 'a'.repeat(64) } },
    ]);
    expect(statement.predicate).toMatchObject({
      model: { name: 'churn', version: 4, tag: 'model/churn/v4' },
      package: { digest: { sha256: 'd'.repeat(64) }, files: [{ name: 'model.onnx', role: 'model', size: 1000, digest: { sha256: 'a'.repeat(64) } }, { name: 'model-card.md' }] },
      source: { repository: 'https://github.com/acme/ml', commit },
      training: { run: '20260101T000000Z-abcd1234', workflowRun: { id: '77' } },
      data: { fingerprint: '1'.repeat(64), files: [{ path: 'data/train.csv', digest: { sha256: '2'.repeat(64) } }] },
      evaluation: { passed: true, metrics: { auc: 0.9 } },
    });
  });

  it('list every subject as a checksums file, the subject-checksums actions/attest signs them all from', () => {
    const statement = buildAttestation(manifest, 'd'.repeat(64), { ...version(4, { auc: 0.9 }), tag: 'model/churn/v4' });
    expect(subjectChecksums(statement)).toBe(`${'d'.repeat(64)}  model/churn/v4/ghml-package.json\n${'a'.repeat(64)}  model/churn/v4/model.onnx\n`);
    expect(subjectChecksums(statement, '\r\n').split('\r\n')).toHaveLength(3);
  });

  it('need an OIDC token, which only a workflow run with id-token: write has', () => {
    expect(() => checkCanAttest({})).toThrow('give the job `permissions: id-token: write`');
    expect(() => checkCanAttest({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' })).not.toThrow();
  });
});
