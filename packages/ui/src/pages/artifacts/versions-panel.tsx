import type { ArtifactVersion } from '@glassbox/core/artifacts';
import { useState } from 'react';
import { formatTimestamp } from '../../view-model/format.js';
import { sideBySideDiff, versionText } from '../../view-model/line-diff.js';

/** Every version with who made it and why, and two of them side by side. */
export function VersionsPanel(props: { versions: ArtifactVersion[] }) {
  const { versions } = props;
  const newest = versions.at(-1)!.version;
  const [left, setLeft] = useState(Math.max(1, newest - 1));
  const [right, setRight] = useState(newest);
  const byNumber = (n: number) => versions.find((v) => v.version === n);
  const a = byNumber(left);
  const b = byNumber(right);
  const rows = a && b ? sideBySideDiff(versionText(a), versionText(b)) : [];
  const changed = rows.filter((r) => r.kind !== 'same').length;
  const picker = (name: string, value: number, set: (n: number) => void) => (
    <label className="field">
      <span>{name}</span>
      <select name={name} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
            {v.revokedAtMs !== undefined ? ' (revoked)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="panel" data-testid="versions-panel">
      <h2>Versions</h2>
      <table className="totals list-table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Created</th>
            <th>By</th>
            <th>Message</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>
                v{v.version}{' '}
                {v.revokedAtMs !== undefined ? (
                  <span className="badge status-error">revoked</span>
                ) : null}
              </td>
              <td>{formatTimestamp(v.createdAtMs)}</td>
              <td>{v.createdBy}</td>
              <td>{v.message ?? ''}</td>
              <td>
                <code title={v.hash}>{v.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style={{ marginTop: 14 }}>Compare</h2>
      <div className="diff-pickers">
        {picker('from', left, setLeft)}
        {picker('to', right, setRight)}
        <span className="muted" data-testid="diff-summary">
          {left === right
            ? 'the same version'
            : changed === 0
              ? 'identical content'
              : `${changed} line${changed === 1 ? '' : 's'} differ`}
        </span>
      </div>
      <table className="version-diff" data-testid="version-diff">
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className={row.kind}>
              <td className="line-no">{row.left?.n ?? ''}</td>
              <td className="left">{row.left?.text ?? ''}</td>
              <td className="line-no">{row.right?.n ?? ''}</td>
              <td className="right">{row.right?.text ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
