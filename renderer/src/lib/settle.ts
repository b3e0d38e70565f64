// A view's load inside an $effect: the answer (or the failure) is taken only while the effect
// still stands; a newer run (the window changed, data changed) makes the older answer void, so
// a slow early call never overwrites a later one. Returns the effect's cleanup.
export function settle<T>(call: Promise<T>, done: (value: T) => void, failed: (message: string) => void = () => undefined): () => void {
  let cancelled = false;
  call.then(
    (v) => {
      if (!cancelled) done(v);
    },
    (e: unknown) => {
      if (!cancelled) failed(e instanceof Error ? e.message : String(e));
    },
  );
  return () => {
    cancelled = true;
  };
}
