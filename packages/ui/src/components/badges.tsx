import { FAILURE_CATEGORIES } from '@glassbox/core/classify';
import type { SpanKind, SpanStatus } from '@glassbox/core/model';

export function StatusBadge(props: { status: SpanStatus }) {
  const label = props.status === 'unset' ? 'unset' : props.status;
  return <span className={`badge status-${props.status}`}>{label}</span>;
}

export function KindBadge(props: { kind: SpanKind }) {
  return <span className={`kind kind-${props.kind}`}>{props.kind}</span>;
}

/** A failure category, titled with the taxonomy's description when the category is known. */
export function CategoryBadge(props: { category: string }) {
  const info = (FAILURE_CATEGORIES as Record<string, { title: string } | undefined>)[
    props.category
  ];
  return (
    <span
      className="badge category"
      title={info?.title ?? props.category}
      data-category={props.category}
    >
      {props.category.replaceAll('_', ' ')}
    </span>
  );
}

export function SeverityBadge(props: { severity: string }) {
  return <span className={`badge severity-${props.severity}`}>{props.severity}</span>;
}
