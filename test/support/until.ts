/** Polls `probe` every 50 ms until it gives a value; fails naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `call` back to back until `stop` settles; resolves with each call's duration in ms. */
export async function timedUntil(stop: Promise<unknown>, call: () => Promise<void>): Promise<number[]> {
  let done = false;
  void stop.finally(() => (done = true));
  const ms: number[] = [];
  for (let at = performance.now(); !done; at = performance.now()) {
    await call();
    ms.push(performance.now() - at);
  }
  return ms;
}
