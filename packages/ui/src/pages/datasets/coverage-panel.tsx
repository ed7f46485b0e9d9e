import type { CoverageEntry } from '@glassbox/core/evals';
import { evalApi } from '../../api/eval-api.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState } from '../../components/states.js';

/**
 * Eval coverage: which failure categories and rubric dimensions have dataset items (newest
 * version of each dataset) and which have none, the gap a postmortem reports. Items added from
 * failing traces carry their categories, so adding failures closes the gap.
 */
export function CoveragePanel() {
  const state = useApi('eval-coverage', (signal) => evalApi.coverage(signal));
  if (state.status === 'loading') return null;
  if (state.status === 'error') return <ErrorState error={state.error} what="eval coverage" />;
  const { categories, dimensions, uncoveredCategories, uncoveredDimensions } = state.data;
  const uncovered = uncoveredCategories.length + uncoveredDimensions.length;
  return (
    <section className="panel coverage" aria-label="Eval coverage" data-testid="eval-coverage">
      <h2>Eval coverage</h2>
      <p className="muted" data-testid="coverage-gap">
        {uncovered === 0
          ? 'Every failure category and rubric dimension has dataset items.'
          : `${uncovered} with no dataset item: ${[...uncoveredCategories, ...uncoveredDimensions]
              .map((n) => n.replaceAll('_', ' '))
              .join(', ')}.`}
      </p>
      <div className="coverage-tables">
        <CoverageTable title="Failure categories" entries={categories} />
        <CoverageTable title="Rubric dimensions" entries={dimensions} />
      </div>
    </section>
  );
}

function CoverageTable(props: { title: string; entries: readonly CoverageEntry[] }) {
  return (
    <table className="totals list-table">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th>Name</th>
          <th className="num">Items</th>
          <th>Datasets</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr key={e.name} data-coverage={e.name} className={e.items === 0 ? 'uncovered' : ''}>
            <td>{e.name.replaceAll('_', ' ')}</td>
            <td className="num">{e.items}</td>
            <td>{e.items === 0 ? <span className="muted">none</span> : e.datasets.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
