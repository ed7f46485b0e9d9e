import type { Finding } from '@glassbox/core/classify';
import type { Span } from '@glassbox/core/model';
import { useState } from 'react';
import { KindBadge, StatusBadge } from '../../components/badges.js';
import { Tabs, type TabSpec } from '../../components/tabs.js';
import { TextBlock } from '../../components/text-block.js';
import { formatDuration } from '../../view-model/format.js';
import { ReplayPanel } from '../replay/replay-panel.js';
import { AttributesTab, ParametersTab, VersionsTab } from './details-tabs.js';
import { DocumentsTab } from './documents-tab.js';
import { FindingsTab } from './findings-tab.js';
import { MessagesTab, OutputTab } from './messages-tab.js';
import { ToolTab } from './tool-tab.js';

type TabId =
  | 'messages'
  | 'output'
  | 'documents'
  | 'tool'
  | 'parameters'
  | 'versions'
  | 'findings'
  | 'attributes';

// The last tab chosen is kept while moving between spans, when the next span has it.
let rememberedTab: TabId | undefined;

/** The tabs that have something to show for `span`, in reading order. */
export function tabsFor(span: Span, findings: readonly Finding[]): TabSpec[] {
  const tabs: TabSpec[] = [];
  if (span.inputMessages.length > 0 || span.kind === 'llm' || span.input)
    tabs.push({
      id: 'messages',
      label: span.inputMessages.length > 0 ? `Messages (${span.inputMessages.length})` : 'Input',
    });
  tabs.push({ id: 'output', label: 'Output' });
  if (span.documents.length > 0 || span.kind === 'retriever' || span.kind === 'reranker')
    tabs.push({ id: 'documents', label: `Documents (${span.documents.length})` });
  if (span.tool || span.kind === 'tool' || span.toolDefinitions.length > 0)
    tabs.push({ id: 'tool', label: 'Tool' });
  tabs.push({ id: 'parameters', label: 'Parameters & usage' });
  tabs.push({ id: 'versions', label: 'Versions' });
  tabs.push({
    id: 'findings',
    label: findings.length > 0 ? `Findings (${findings.length})` : 'Findings',
  });
  tabs.push({ id: 'attributes', label: 'Attributes' });
  return tabs;
}

/** Everything recorded about one span, one tab per aspect. */
export function SpanInspector(props: {
  span: Span;
  findings: Finding[];
  traceFindingCount: number;
  answer: string | undefined;
  /** The trace's spans, which a replay of this call reads (tool results, retrieved context). */
  spans?: readonly Span[];
  /** Opens with the replay panel showing (a link to replay this trace). */
  replay?: boolean;
}) {
  const { span, findings } = props;
  const [replaying, setReplaying] = useState(props.replay === true);
  const replayable = span.kind === 'llm' && props.spans !== undefined;
  const tabs = tabsFor(span, findings);
  const initial =
    tabs.find((t) => t.id === rememberedTab)?.id ??
    (findings.length > 0 ? 'findings' : tabs[0]!.id);
  const [tab, setTab] = useState<string>(initial);
  const choose = (id: string) => {
    rememberedTab = id as TabId;
    setTab(id);
  };
  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-head">
        <KindBadge kind={span.kind} />
        <h2 title={span.name}>{span.name}</h2>
        <StatusBadge status={span.status} />
        <span className="muted">{formatDuration(span.durationMs)}</span>
        {replayable && !replaying ? (
          <button type="button" onClick={() => setReplaying(true)} data-testid="replay-action">
            Replay…
          </button>
        ) : null}
      </div>
      {span.status === 'error' && span.statusMessage ? (
        <p className="error-line" role="note">
          {span.statusMessage}
        </p>
      ) : null}
      {replaying && props.spans ? (
        <ReplayPanel span={span} spans={props.spans} onClose={() => setReplaying(false)} />
      ) : (
        <Tabs tabs={tabs} selected={tab} onSelect={choose} label="Span details">
          <TabContent
            tab={tab as TabId}
            span={span}
            findings={findings}
            traceFindingCount={props.traceFindingCount}
            answer={props.answer}
          />
        </Tabs>
      )}
    </div>
  );
}

function TabContent(props: {
  tab: TabId;
  span: Span;
  findings: Finding[];
  traceFindingCount: number;
  answer: string | undefined;
}) {
  const { span } = props;
  switch (props.tab) {
    case 'messages':
      return <MessagesTab span={span} />;
    case 'output':
      return <OutputTab span={span} />;
    case 'documents':
      return <DocumentsTab span={span} answer={props.answer} />;
    case 'tool':
      return <ToolTab span={span} />;
    case 'parameters':
      return <ParametersTab span={span} />;
    case 'versions':
      return <VersionsTab span={span} />;
    case 'findings':
      return <FindingsTab findings={props.findings} traceFindingCount={props.traceFindingCount} />;
    case 'attributes':
      return <AttributesTab span={span} />;
    default:
      return <TextBlock text={undefined} />;
  }
}
