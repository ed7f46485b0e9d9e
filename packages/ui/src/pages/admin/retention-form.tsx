import { API_ROUTES } from '@glassbox/core/api';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, call } from '../../api/api-client.js';

const toDays = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** Per-project retention: traces, and content (prompts, outputs), which may expire first. */
export function RetentionForm(props: { onSaved: () => void }) {
  const [traceDays, setTraceDays] = useState('');
  const [contentDays, setContentDays] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => {
    call(API_ROUTES.getRetention).then(
      (r) => {
        setTraceDays(r.traceDays === null ? '' : String(r.traceDays));
        setContentDays(r.contentDays === null ? '' : String(r.contentDays));
      },
      () => {},
    );
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await call(API_ROUTES.putRetention, {
        body: { traceDays: toDays(traceDays), contentDays: toDays(contentDays) },
      });
      setMessage('Saved. The sweep applies it within a minute.');
      props.onSaved();
    } catch (error) {
      setMessage(error instanceof ApiRequestError ? error.message : String(error));
    }
  };
  return (
    <form className="panel" onSubmit={submit} data-testid="retention-form">
      <h2>Retention</h2>
      <p className="muted">
        Empty keeps data forever. Content (prompts, outputs, messages, raw attributes) may expire
        before the traces: metrics, costs and findings stay.
      </p>
      <label>
        Keep traces for (days){' '}
        <input
          name="traceDays"
          inputMode="numeric"
          value={traceDays}
          onChange={(e) => setTraceDays(e.target.value)}
        />
      </label>{' '}
      <label>
        Keep content for (days){' '}
        <input
          name="contentDays"
          inputMode="numeric"
          value={contentDays}
          onChange={(e) => setContentDays(e.target.value)}
        />
      </label>{' '}
      <button type="submit" className="primary">
        Save retention
      </button>
      {message ? (
        <p role="status" data-testid="retention-message">
          {message}
        </p>
      ) : null}
    </form>
  );
}
