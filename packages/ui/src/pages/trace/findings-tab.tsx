import type { Finding } from '@glassbox/core/classify';
import { CategoryBadge, SeverityBadge } from '../../components/badges.js';
import { EmptyState } from '../../components/states.js';
import { KeyValues } from '../../components/text-block.js';

/** The failures Glassbox found on this span: what, the evidence, and what to try first. */
export function FindingsTab(props: { findings: Finding[]; traceFindingCount: number }) {
  const { findings } = props;
  if (findings.length === 0) {
    const others = props.traceFindingCount;
    return (
      <EmptyState title="No findings on this span">
        <p>
          {others > 0
            ? `This trace has ${others} finding${others === 1 ? '' : 's'} on other spans; flagged spans carry a marker in the waterfall.`
            : 'Glassbox found no failure here. Findings appear when the classifier flags a span.'}
        </p>
      </EmptyState>
    );
  }
  return (
    <ul className="findings" data-testid="findings-tab">
      {findings.map((f, i) => (
        <li key={i} className={`finding severity-${f.severity}`}>
          <div className="finding-head">
            <SeverityBadge severity={f.severity} />
            <CategoryBadge category={f.category} />
            <span className="muted">layer: {f.layer}</span>
          </div>
          <p>{f.message}</p>
          <h4>Evidence</h4>
          <KeyValues
            entries={Object.entries(f.evidence)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => [
                k,
                typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v),
              ])}
          />
          <h4>What to try</h4>
          <p className="remediation">{f.remediation}</p>
        </li>
      ))}
    </ul>
  );
}
