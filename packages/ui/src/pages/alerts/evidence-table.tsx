import type { AlertEvidence } from '@glassbox/core/detect';
import { formatEvidenceValue } from '../../view-model/evidence-format.js';

/** Baseline against current, key by key, with the detector statistic against its threshold. */
export function EvidenceTable(props: {
  evidence: AlertEvidence;
  statisticLabel: string;
  thresholdLabel: string;
  /** Keys that are shares of a distribution, shown as percentages. */
  shareKeys?: ReadonlySet<string>;
}) {
  const { evidence } = props;
  const keyOf = (key: string) => (props.shareKeys?.has(key) ? 'share' : key);
  const keys = [...new Set([...Object.keys(evidence.baseline), ...Object.keys(evidence.current)])];
  return (
    <table className="totals evidence-table" data-testid="evidence-table">
      <thead>
        <tr>
          <th />
          <th className="num">Baseline</th>
          <th className="num">Current</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <td className="mono">{key}</td>
            <EvidenceCell value={formatEvidenceValue(keyOf(key), evidence.baseline[key])} />
            <EvidenceCell value={formatEvidenceValue(keyOf(key), evidence.current[key])} strong />
          </tr>
        ))}
        <tr className="evidence-statistic">
          <td>
            {props.statisticLabel} <span className="muted">vs {props.thresholdLabel}</span>
          </td>
          <td className="num" data-testid="evidence-threshold">
            {formatEvidenceValue('threshold', evidence.threshold)}
          </td>
          <td className="num strong" data-testid="evidence-statistic">
            {formatEvidenceValue('statistic', evidence.statistic)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** A number right-aligned; a list of values (known models, old settings) one per line. */
function EvidenceCell(props: { value: string; strong?: boolean }) {
  const items = props.value.split(', ');
  const strong = props.strong ? ' strong' : '';
  if (items.length < 2) return <td className={`num${strong}`}>{props.value}</td>;
  return (
    <td className={`evidence-list${strong}`}>
      {items.map((item, i) => (
        <div key={i}>{item}</div>
      ))}
    </td>
  );
}
