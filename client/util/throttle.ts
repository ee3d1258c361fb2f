// Coalesces bursts of updates (a frame per team per tick, several ticks a second) into at most one run per
// interval, done in an animation frame so the DOM is written once, between paints.
export function coalesce(run: () => void, minIntervalMs: number): { (): void; flush(): void; cancel(): void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let frame = 0;
  const fire = () => {
    timer = null;
    frame = requestAnimationFrame(() => { frame = 0; last = performance.now(); run(); });
  };
  const schedule = () => {
    if (timer !== null || frame) return;
    const wait = Math.max(0, last + minIntervalMs - performance.now());
    timer = setTimeout(fire, wait);
  };
  schedule.flush = () => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    if (frame) { cancelAnimationFrame(frame); frame = 0; }
    last = performance.now();
    run();
  };
  schedule.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
    timer = null;
    frame = 0;
  };
  return schedule;
}

/** Replaces an element's children only when `key` (what they are drawn from) changed since the last time. */
const keys = new WeakMap<Element, string>();
export function keyed(el: HTMLElement, key: string, build: () => Node | Node[]): void {
  if (keys.get(el) === key) return;
  keys.set(el, key);
  const nodes = build();
  el.replaceChildren(...(Array.isArray(nodes) ? nodes : [nodes]));
}
