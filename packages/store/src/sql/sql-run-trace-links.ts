import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { RunOutcome } from '@glassbox/core/evals';

/**
 * Unlinks experiment outcomes from traces being deleted: the outcomes stay (they are the
 * experiment's), but lose the trace id, so no run names a deleted trace. The caller deletes
 * the `eval_run_traces` rows themselves with the other rows of the traces.
 *
 * @example
 * await unlinkRunOutcomes(trx, 'default', ['4bf92f3577b34da6a3ce929d0e0e4736']);
 */
export async function unlinkRunOutcomes(
  trx: Transaction<unknown>,
  projectId: string,
  traces: RawBuilder<unknown>,
): Promise<void> {
  const { rows: links } = await sql<{ run_id: string; trace_id: string }>`select run_id, trace_id
    from eval_run_traces where project_id = ${projectId} and trace_id in ${traces}`.execute(trx);
  if (links.length === 0) return;
  const gone = new Set(links.map((l) => l.trace_id));
  const runIds = [...new Set(links.map((l) => l.run_id))];
  const { rows } = await sql<{ id: string; outcomes: string | null }>`select id, outcomes
    from eval_runs where project_id = ${projectId} and id in (${sql.join(runIds)})`.execute(trx);
  for (const row of rows) {
    const outcomes = (JSON.parse(row.outcomes ?? '[]') as RunOutcome[]).map((outcome) => {
      if (outcome.traceId === undefined || !gone.has(outcome.traceId)) return outcome;
      const { traceId: _traceId, ...rest } = outcome;
      return rest;
    });
    await sql`update eval_runs set outcomes = ${JSON.stringify(outcomes)}
      where project_id = ${projectId} and id = ${row.id}`.execute(trx);
  }
}
