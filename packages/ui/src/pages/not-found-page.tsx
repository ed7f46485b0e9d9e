import { EmptyState } from '../components/states.js';
import { Link } from '../router/link.js';
import { paths } from '../router/match-route.js';

export function NotFoundPage(props: { path: string }) {
  return (
    <EmptyState title="No such page" testId="not-found">
      <p>
        Nothing lives at <code>{props.path}</code>. Go to the{' '}
        <Link href={paths.traces()}>traces</Link> or the{' '}
        <Link href={paths.failures()}>failures</Link>.
      </p>
    </EmptyState>
  );
}
