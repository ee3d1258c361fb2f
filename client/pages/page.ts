export interface Page {
  el: HTMLElement;
  /** Called once the element is in the document (for things that need layout, such as the map). */
  mounted?(): void;
  /** Re-render in the language just chosen, keeping data and what the person typed (else the page is rebuilt). */
  relang?(): void;
  destroy(): void;
}

export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** Connection status in the header. */
export function showConnection(online: boolean, onText: string, offText: string): void {
  const el = document.getElementById('conn-status');
  if (!el) return;
  el.textContent = online ? onText : offText;
  el.className = online ? 'conn online' : 'conn offline';
}
