// The facilitator's rules for a drill (server/protocol/rights-gate.ts): what the players may read of the debrief
// once it has ended (drill:release) and who may still take a seat (drill:policy). Also the banner of a drill that
// opened read-only (docs/architecture.md#versions).
import { C2S, type DrillState, type ReleaseScope } from '../../server/protocol/events.ts';
import { t } from '../i18n/index.ts';
import type { Connection } from '../net/connection.ts';
import { h, option } from '../util/dom.ts';
import { errorText } from '../util/format.ts';

const SCOPES: ReleaseScope[] = ['none', 'own', 'all'];

export class ReleasePanel {
  readonly el: HTMLElement;
  private readonly scope: HTMLSelectElement;
  private readonly locked: HTMLInputElement;
  private readonly late: HTMLInputElement;
  private readonly status: HTMLElement;

  constructor(private readonly conn: Connection, private readonly code: string) {
    this.scope = h('select', { id: 'release-scope', 'data-testid': 'release-scope' }, SCOPES.map((s) => option(s, t(`release.${s}`))));
    this.locked = h('input', { type: 'checkbox', id: 'join-locked', 'data-testid': 'join-locked' });
    this.late = h('input', { type: 'checkbox', id: 'late-join', 'data-testid': 'late-join' });
    this.status = h('p.muted', { 'data-testid': 'release-status', role: 'status' });
    this.scope.addEventListener('change', () => void this.release());
    this.locked.addEventListener('change', () => void this.policy({ joinLocked: this.locked.checked }));
    this.late.addEventListener('change', () => void this.policy({ lateJoin: this.late.checked }));
    this.el = h('section.panel.release', { 'data-testid': 'release-panel' },
      h('h3', t('release.title')),
      h('label', { for: 'release-scope' }, t('release.scope'), this.scope),
      h('label.check', { for: 'join-locked' }, this.locked, t('release.joinLocked')),
      h('label.check', { for: 'late-join' }, this.late, t('release.lateJoin')),
      this.status);
  }

  private async release(): Promise<void> {
    const scope = this.scope.value as ReleaseScope;
    const ack = await this.conn.request(C2S.drillRelease, { code: this.code, scope });
    if (!ack.ok) { this.say(errorText(ack.error), null); return; }
    this.say(t('release.saved', { scope: t(`release.${ack.release}`) }), ack.release);
  }

  private async policy(patch: { joinLocked?: boolean; lateJoin?: boolean }): Promise<void> {
    const ack = await this.conn.request(C2S.drillPolicy, { code: this.code, ...patch });
    if (!ack.ok) this.say(errorText(ack.error), null);
  }

  private say(text: string, release: ReleaseScope | null): void {
    this.status.textContent = text;
    if (release) this.status.dataset.release = release;
  }

  /** The drill's rules as the server has them (drill:state). */
  setState(s: DrillState): void {
    if (s.release && document.activeElement !== this.scope) this.scope.value = s.release;
    if (s.release) this.status.dataset.release = s.release;
    this.locked.checked = !!s.joinLocked;
    this.late.checked = !!s.lateJoin;
  }
}

/** A drill that opened read-only says why, in the reader's language; null when it is not read-only. */
export function readOnlyBanner(s: DrillState): HTMLElement | null {
  const r = s.readOnly;
  if (!r) return null;
  return h('p.banner.error', { 'data-testid': 'read-only' },
    t(`readOnly.${r.reason}`, { recorded: r.recordedWith ?? '?', engine: r.engine, tick: r.tick ?? 0 }));
}
