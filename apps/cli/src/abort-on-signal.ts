/**
 * Run `fn` with an AbortSignal that Ctrl-C or SIGTERM aborts, so a long build or upload stops
 * cleanly (the lanes pass the signal to their tools and requests).
 */
export function withAbortOnSignal<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return fn(controller.signal).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
}
