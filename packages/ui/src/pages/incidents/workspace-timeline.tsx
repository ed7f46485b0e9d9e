import type { IncidentTimelineEntry } from '@glassbox/core/incidents';
import { linkHref } from '@glassbox/core/postmortem';
import { Link } from '../../router/link.js';
import { formatTimestamp } from '../../view-model/format.js';

const SOURCE_LABEL: Record<IncidentTimelineEntry['source'], string> = {
  detection: 'Detection',
  change: 'Change',
  registry: 'Registry',
  traffic: 'Traffic',
  replay: 'Replay',
  eval: 'Eval',
  person: 'People',
};

/** Everything that happened around the incident, in time order, from every source. */
export function WorkspaceTimeline(props: { items: readonly IncidentTimelineEntry[] }) {
  return (
    <section className="panel timeline-panel" aria-label="Full timeline">
      <h2>Full timeline</h2>
      <ol className="timeline" data-testid="workspace-timeline">
        {props.items.map((entry, i) => (
          <li
            key={`${entry.kind}-${entry.atMs}-${i}`}
            className={`tl tl-src-${entry.source}`}
            data-kind={entry.kind}
            data-source={entry.source}
          >
            <span className="tl-dot" aria-hidden="true" />
            <div className="tl-time">
              <time dateTime={new Date(entry.atMs).toISOString()}>
                {formatTimestamp(entry.atMs)}
              </time>
            </div>
            <div className="tl-body">
              <div className="tl-heading">
                {SOURCE_LABEL[entry.source]}
                {entry.author ? <span className="muted"> · {entry.author}</span> : null}
              </div>
              <div className="tl-text">{entry.text}</div>
              {entry.links.length ? (
                <div className="tl-traces">
                  {entry.links.slice(0, 4).map((link) => {
                    const href = linkHref(link);
                    return href ? (
                      <Link key={`${link.kind}:${link.id}`} href={href} className="mono">
                        {link.label}
                      </Link>
                    ) : (
                      <code key={`${link.kind}:${link.id}`}>{link.label}</code>
                    );
                  })}
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
