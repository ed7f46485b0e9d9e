import type { AlertStatus } from '@glassbox/core/detect';
import type { MonitorStateView } from '../view-model/monitor-state.js';

export function AlertStatusBadge(props: { status: AlertStatus | 'open' | 'resolved' }) {
  return <span className={`badge alert-${props.status}`}>{props.status}</span>;
}

export function MonitorStateBadge(props: { state: MonitorStateView }) {
  return (
    <span className={`badge monitor-${props.state.state}`} title={props.state.detail}>
      {props.state.label}
    </span>
  );
}
