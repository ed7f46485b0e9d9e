/** What a client saw of one answer, read at the wire (no SDK smoothing over a missing [DONE]). */
export interface ClientView {
  status: number;
  /** The answer ended as a success: JSON 200, or a stream with a finish and `[DONE]`. */
  success: boolean;
  text: string;
  finishReason: string | null;
  sawDone: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  elapsedMs: number;
  headers: Headers;
}

/**
 * Posts a chat completion and reads the answer byte by byte: stream chunks, `[DONE]`, an
 * error event, or a JSON body.
 *
 * @example const view = await chat(gateway.baseURL, { model, messages, stream: true });
 */
export async function chat(
  baseURL: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<ClientView> {
  const started = Date.now();
  const res = await fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const view: ClientView = {
    status: res.status,
    success: false,
    text: '',
    finishReason: null,
    sawDone: false,
    errorCode: null,
    errorMessage: null,
    elapsedMs: 0,
    headers: res.headers,
  };
  const raw = await res.text().catch(() => '');
  view.elapsedMs = Date.now() - started;
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    try {
      const json = JSON.parse(raw) as {
        error?: { code?: string; message?: string };
        choices?: { message?: { content?: string }; finish_reason?: string }[];
      };
      if (json.error) {
        view.errorCode = json.error.code ?? null;
        view.errorMessage = json.error.message ?? null;
      } else {
        view.text = json.choices?.[0]?.message?.content ?? '';
        view.finishReason = json.choices?.[0]?.finish_reason ?? null;
        view.success = res.status === 200;
      }
    } catch {
      view.errorMessage = `unparseable body: ${raw.slice(0, 100)}`;
    }
    return view;
  }
  for (const block of raw.split('\n\n')) {
    const data = block.startsWith('data: ') ? block.slice(6) : null;
    if (data === null) continue;
    if (data === '[DONE]') {
      view.sawDone = true;
      continue;
    }
    const chunk = JSON.parse(data) as {
      error?: { code?: string; message?: string };
      choices?: { delta?: { content?: string }; finish_reason?: string | null }[];
    };
    if (chunk.error) {
      view.errorCode = chunk.error.code ?? null;
      view.errorMessage = chunk.error.message ?? null;
      continue;
    }
    const choice = chunk.choices?.[0];
    view.text += choice?.delta?.content ?? '';
    if (choice?.finish_reason) view.finishReason = choice.finish_reason;
  }
  view.success =
    res.status === 200 && view.sawDone && view.finishReason !== null && view.errorCode === null;
  return view;
}
