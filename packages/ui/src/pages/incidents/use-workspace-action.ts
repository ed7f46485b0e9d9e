import { useState } from 'react';
import { storedAuthor } from './workspace-api.js';

/**
 * Runs one workspace action with the stored author: refuses to start without a name, keeps
 * the server's error message to show, and calls `onDone` so the page re-reads.
 */
export function useWorkspaceAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async (action: (author: string) => Promise<unknown>): Promise<boolean> => {
    const author = storedAuthor().trim();
    if (!author) {
      setError('Enter your name first: every action is recorded with who did it.');
      return false;
    }
    setBusy(true);
    setError(undefined);
    try {
      await action(author);
      onDone();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
