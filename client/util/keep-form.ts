// What a person has typed, chosen and opened, kept across a re-render (a language switch rebuilds the page's
// DOM): values of inputs, selects and text areas by id, the open state of <details> by data-testid or id, and
// the scroll position of scrollable boxes marked data-keep-scroll.
export interface FormState {
  values: Map<string, string | boolean | string[]>;
  open: Map<string, boolean>;
  scroll: Map<string, number>;
  focus: string | null;
}

const keyOf = (el: Element) => el.id || el.getAttribute('data-testid') || '';

export function captureForm(root: Element): FormState {
  const s: FormState = { values: new Map(), open: new Map(), scroll: new Map(), focus: null };
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
    const k = keyOf(el);
    if (!k || (el instanceof HTMLInputElement && el.type === 'password')) continue;
    if (el instanceof HTMLSelectElement && el.multiple) s.values.set(k, [...el.selectedOptions].map((o) => o.value));
    else if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) s.values.set(k, el.checked);
    else s.values.set(k, el.value);
  }
  for (const d of root.querySelectorAll('details')) {
    const k = keyOf(d);
    if (k) s.open.set(k, d.open);
  }
  for (const el of root.querySelectorAll('[data-keep-scroll]')) s.scroll.set(el.getAttribute('data-keep-scroll')!, el.scrollTop);
  const active = document.activeElement;
  if (active && root.contains(active)) s.focus = keyOf(active) || null;
  return s;
}

export function restoreForm(root: Element, s: FormState): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
    const v = s.values.get(keyOf(el));
    if (v === undefined) continue;
    if (Array.isArray(v) && el instanceof HTMLSelectElement) for (const o of el.options) o.selected = v.includes(o.value);
    else if (typeof v === 'boolean' && el instanceof HTMLInputElement) el.checked = v;
    else if (typeof v === 'string') {
      // A select keeps its choice only when the option still exists.
      if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === v)) continue;
      el.value = v;
    }
    el.dispatchEvent(new Event('change'));
  }
  for (const d of root.querySelectorAll('details')) {
    const open = s.open.get(keyOf(d));
    if (open !== undefined) d.open = open;
  }
  for (const el of root.querySelectorAll('[data-keep-scroll]')) {
    const top = s.scroll.get(el.getAttribute('data-keep-scroll')!);
    if (top !== undefined) el.scrollTop = top;
  }
  if (s.focus) {
    const el = root.querySelector<HTMLElement>(`#${CSS.escape(s.focus)}`) ?? root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(s.focus)}"]`);
    el?.focus();
  }
}
