// The control room's MSEL panel (every row with its status per world; fire / delay / skip for the facilitator),
// the ad-hoc inject form and the observation notes (form and list).
import type { RequestOf } from '../../server/protocol/event-maps.ts';
import { C2S, type DrillState, type MapInfo, type MselRowState, type Note } from '../../server/protocol/events.ts';
import { specOf, type FieldSpec } from '../../server/protocol/commands/index.ts';
import { parseExpectedAction } from '../../server/protocol/expected-action.ts';
import { TEAM_ROLES } from '../../server/protocol/rights.ts';
import { lang, num, pick, t, tMaybe } from '../i18n/index.ts';
import type { Connection } from '../net/connection.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { COMMAND_TYPES, commandName } from '../util/commands.ts';
import { Names, clock, errorText, methodName, roleName, tickClock } from '../util/format.ts';
import { say } from './command-form.ts';

const METHODS = ['phone', 'radio', 'whatsapp', 'email', 'news', 'social'] as const;
const RATINGS = ['P', 'S', 'M', 'U'] as const;

/** An MSEL condition (JSON of the server's InjectCondition) in words. */
export function conditionText(json: string, names: Names): string {
  let c: { kind: string; area?: string; shelter?: string; op?: string; value?: number };
  try { c = JSON.parse(json); } catch { return json; }
  const op = c.op === '<=' ? '≤' : '≥';
  switch (c.kind) {
    case 'no_warning': return t('cond.no_warning');
    case 'depth': return t('cond.depth', { area: names.area(c.area), op, value: num(c.value ?? 0, 2) });
    case 'occupancy': return t('cond.occupancy', { shelter: names.shelter(c.shelter), op, value: num((c.value ?? 0) * 100) });
    case 'sea_level': return t('cond.sea_level', { op, value: num(c.value ?? 0, 2) });
    case 'stranded': return t('cond.stranded', { op, value: num(c.value ?? 0) });
    default: return json;
  }
}

/** A row's expected actions in words, each with the area, shelter or unit it names: "Kirim peringatan — Pasir". */
function expectedText(r: MselRowState, names: Names): string {
  const cells = r.expectedActions?.length ? r.expectedActions : [r.expectedAction ?? ''];
  return cells.map((c) => {
    const a = parseExpectedAction(c);
    if (typeof a === 'string') return c;
    if (!a.target) return commandName(a.type);
    const x = a.target;
    const place = names.unit(x) !== x ? names.unit(x) : names.shelter(x) !== x.toUpperCase() ? names.shelter(x) : names.area(x);
    return `${commandName(a.type)} — ${place}`;
  }).join('; ');
}

function toText(to: string, teamName: (id: string) => string | null): string {
  if (to === 'all') return t('msel.toAll');
  return teamName(to) ?? roleName(to);
}

export class MselPanel {
  readonly el: HTMLElement;
  private list = h('ol.msel-list', { 'data-testid': 'msel' });
  private target = h('select', { id: 'msel-target', 'data-testid': 'msel-target' });
  private result = h('p.result', { role: 'status', 'data-testid': 'msel-result' });
  private rows: MselRowState[] = [];
  private state: DrillState | null = null;
  private key = '';

  constructor(private conn: Connection, private code: string, private canControl: boolean, private names: () => Names) {
    this.target.addEventListener('change', () => this.render(true));
    this.el = h('section.panel.msel-panel',
      h('div.panel-head', h('h3', t('msel.title')), canControl ? h('label.inline', { for: 'msel-target' }, t('msel.target'), this.target) : null),
      this.list, this.result);
  }

  setState(s: DrillState): void {
    const teamsChanged = !this.state || this.state.teams.map((x) => x.id).join() !== s.teams.map((x) => x.id).join();
    this.state = s;
    if (teamsChanged) {
      const prev = this.target.value;
      setChildren(this.target, option('', t('msel.allTeams')), s.teams.map((tm) => option(tm.id, tm.name, tm.id === prev)));
    }
    this.render(false);
  }

  setRows(rows: MselRowState[]): void {
    this.rows = rows;
    this.render(false);
  }

  private worldName(worldId: string): string {
    if (worldId === 'joint') return t('mode.joint');
    return this.state?.teams.find((x) => x.id === worldId)?.name ?? worldId;
  }

  private targetWorlds(): string[] | null {
    const team = this.target.value;
    if (!team || !this.state) return null;
    return [this.state.mode === 'joint' ? 'joint' : team];
  }

  private render(force: boolean): void {
    const ended = this.state?.status === 'ended';
    // Team names are part of what is drawn: rows that arrive before the drill's state are redrawn when it comes.
    const key = lang() + this.target.value + String(ended) + JSON.stringify(this.state?.teams.map((x) => x.name) ?? []) + JSON.stringify(this.rows);
    if (!force && key === this.key) return;
    this.key = key;
    const worlds = this.targetWorlds();
    const teamName = (id: string) => this.state?.teams.find((x) => x.id === id)?.name ?? null;
    const names = this.names();
    setChildren(this.list, this.rows.length ? this.rows.map((r) => {
      const when = r.condition
        ? [conditionText(r.condition, names), r.minute > 0 ? t('cond.since', { clock: clock(r.minute) }) : ''].filter(Boolean).join(' ')
        : t('msel.at', { clock: clock(r.minute) });
      const pendingHere = r.byWorld.some((b) => b.status === 'pending' && (!worlds || worlds.includes(b.worldId)));
      const btn = (op: 'fire' | 'delay' | 'skip', key: 'msel.fire' | 'msel.delay' | 'msel.skip', cls = '') => {
        const b = h(`button.small${cls}`, { type: 'button', 'data-testid': `msel-${op}-${r.no}`, disabled: ended || !pendingHere }, t(key));
        b.addEventListener('click', () => void this.control(op, r.no, b));
        return b;
      };
      return h(`li.msel-row${r.byWorld.every((b) => b.status !== 'pending') ? '.done' : ''}`, { 'data-testid': `msel-row-${r.no}`, 'data-no': r.no },
        h('div.msel-head',
          h('span.msel-no', `#${r.no}`), h('span.msel-when', when),
          h('span.chip', methodName(r.method)),
          h('span.msel-from', `${r.from} → ${toText(r.to, teamName)}`)),
        h('div.msel-msg', pick(r.message)),
        r.expectedAction || r.effect ? h('div.msel-extra',
          r.expectedAction ? h('span', t('msel.expected', { action: expectedText(r, names) })) : null,
          r.effect ? h('span.effect', t('msel.effect', { effect: tMaybe(`effect.${r.effect}`, r.effect) })) : null) : null,
        h('div.msel-status', r.byWorld.map((b) => {
          // A conditional row waits for its condition, not for a time (its due time is only when watching starts).
          const status = b.status === 'fired' ? t('msel.fired', { clock: tickClock(b.firedTick) }) : b.status === 'skipped' ? t('msel.skipped')
            : r.condition && b.dueTick <= (this.state?.tick ?? 0) ? t('msel.waitCondition') : t('msel.pending', { clock: tickClock(b.dueTick) });
          const named = r.byWorld.length > 1 || this.state?.mode === 'parallel';
          return h(`span.chip.msel-${b.status}`, { 'data-testid': `msel-status-${r.no}-${b.worldId}`, 'data-status': b.status, 'data-due': b.dueTick },
            named ? t('msel.statusTeam', { team: this.worldName(b.worldId), status }) : status);
        })),
        this.canControl ? h('div.actions.tight', btn('fire', 'msel.fire', '.primary'), btn('delay', 'msel.delay'), btn('skip', 'msel.skip', '.danger')) : null,
      );
    }) : h('li.feed-empty', t('msel.empty')));
  }

  private async control(op: 'fire' | 'delay' | 'skip', no: number, b: HTMLButtonElement): Promise<void> {
    b.disabled = true;
    const action = op === 'delay' ? { op, no, minutes: 10 } : { op, no };
    const team = this.target.value;
    const ack = await this.conn.request(C2S.injectControl, { code: this.code, action, ...(team ? { teamId: team } : {}) });
    b.disabled = false;
    if (ack.ok) say(this.result, t(op === 'delay' ? 'msel.delayed' : op === 'skip' ? 'msel.skippedNow' : 'msel.firedSoon', { no: ack.no }), true);
    else say(this.result, errorText(ack.error), false);
  }
}

/** Effects a facilitator can add to an ad-hoc inject, as the server's effect schema lists them (server/sim/effect.ts). */
const EFFECTS = ['surge', 'unit_unavailable', 'road_closed', 'landslide', 'hoax', 'complaint', 'facility_flood', 'ngo_offer'] as const;
/** Topics of a LAPOR! complaint (the complaint effect's enum in server/sim/effect.ts). */
const COMPLAINT_TOPICS = ['no_warning', 'turned_away', 'shelter_supplies', 'shelter_crowded', 'no_rescue'] as const;
/** What an expected action's target can be: the refs the expectation judge matches (server/protocol/expected-action.ts). */
const TARGET_REFS = ['area', 'shelter', 'unit'] as const;

/** The facilitator's ad-hoc inject form. The pickers are filled from the map info of the drill's scenario. */
export function adhocForm(conn: Connection, code: string, state: DrillState, map: MapInfo): HTMLElement {
  const units = map.units;
  const from = h('input', { id: 'adhoc-from', maxlength: 80, placeholder: t('adhoc.fromPlaceholder'), 'data-testid': 'adhoc-from' });
  const to = h('select', { id: 'adhoc-to', 'data-testid': 'adhoc-to' },
    option('all', t('adhoc.toAll')),
    state.teams.map((tm) => option(tm.id, t('adhoc.toTeam', { team: tm.name }))),
    TEAM_ROLES.map((r) => option(r, t('adhoc.toRole', { role: roleName(r) }))));
  const method = h('select', { id: 'adhoc-method', 'data-testid': 'adhoc-method' }, METHODS.map((m) => option(m, methodName(m), m === 'phone')));
  const msgId = h('textarea', { id: 'adhoc-msg-id', rows: 2, maxlength: 1000, 'data-testid': 'adhoc-message-id' });
  const msgEn = h('textarea', { id: 'adhoc-msg-en', rows: 2, maxlength: 1000, 'data-testid': 'adhoc-message-en' });
  const expected = h('select', { id: 'adhoc-expected', 'data-testid': 'adhoc-expected' }, option('', t('adhoc.none')), COMMAND_TYPES.map((c) => option(c, commandName(c))));
  const deadline = h('input', { id: 'adhoc-deadline', type: 'number', min: 1, max: 1440, step: 1, 'data-testid': 'adhoc-deadline' });
  // The expected action's target: the areas, shelters or units the chosen command's fields name (its spec's refs).
  const target = h('select', { id: 'adhoc-target', 'data-testid': 'adhoc-target' });
  const targetBox = h('div.effect-field', h('label', { for: 'adhoc-target' }, t('adhoc.target')), target);
  const targetLists: Record<(typeof TARGET_REFS)[number], { label: 'adhoc.targetArea' | 'adhoc.targetShelter' | 'adhoc.targetUnit'; items: { id: string; name: string }[] }> = {
    area: { label: 'adhoc.targetArea', items: map.neighbourhoods },
    shelter: { label: 'adhoc.targetShelter', items: map.shelters },
    unit: { label: 'adhoc.targetUnit', items: units.map((u) => ({ id: u.id, name: `${u.ngoName} · ${u.id}` })) },
  };
  const showTarget = () => {
    const fields = Object.values(specOf(expected.value)?.fields ?? {}) as FieldSpec[];
    const refs = TARGET_REFS.filter((r) => fields.some((f) => 'ref' in f && f.ref === r));
    setChildren(target, option('', t('adhoc.anyTarget')),
      refs.map((r) => h('optgroup', { label: t(targetLists[r].label) }, targetLists[r].items.map((x) => option(x.id, x.name)))));
    targetBox.hidden = refs.length === 0;
  };
  expected.addEventListener('change', showTarget);
  showTarget();
  const effect = h('select', { id: 'adhoc-effect', 'data-testid': 'adhoc-effect' }, option('', t('adhoc.none')),
    EFFECTS.map((e) => option(e, t(`effect.${e}`))));
  const metres = h('input', { id: 'adhoc-metres', type: 'number', step: 0.1, min: -5, max: 10, value: '0.3' });
  const unit = h('select', { id: 'adhoc-unit' }, units.map((u) => option(u.id, `${u.ngoName} — ${tMaybe(`unit.${u.kind}`, u.kind)} (${u.id})`)));
  const rect = (['x0', 'y0', 'x1', 'y1'] as const).map((k) => h('input', { type: 'number', min: 0, step: 1, placeholder: k, 'aria-label': k, 'data-testid': `adhoc-${k}` }));
  const zone = h('select', { id: 'adhoc-zone', 'data-testid': 'adhoc-zone' }, (map.landslides ?? []).map((z) => option(z.id, z.name)));
  // hoax: one area or all; complaint: one area.
  const area = h('select', { id: 'adhoc-area', 'data-testid': 'adhoc-area' });
  const hoaxText = h('textarea', { id: 'adhoc-hoax-text', rows: 2, maxlength: 500, placeholder: t('adhoc.hoaxPlaceholder'), 'data-testid': 'adhoc-hoax-text' });
  const topic = h('select', { id: 'adhoc-topic', 'data-testid': 'adhoc-topic' }, COMPLAINT_TOPICS.map((c) => option(c, tMaybe(`complaint.${c}`, c))));
  const facility = h('select', { id: 'adhoc-facility', 'data-testid': 'adhoc-facility' }, (map.facilities ?? []).map((f) => option(f.id, f.name)));
  const ngos = new Map(units.map((u) => [u.ngo, u.ngoName]));
  const ngo = h('select', { id: 'adhoc-ngo', 'data-testid': 'adhoc-ngo' }, [...ngos].map(([id, name]) => option(id, name)));
  const surgeBox = h('div.effect-field', h('label', { for: 'adhoc-metres' }, t('adhoc.metres')), metres);
  const unitBox = h('div.effect-field', h('label', { for: 'adhoc-unit' }, t('adhoc.unit')), unit);
  const rectBox = h('div.effect-field', h('label', t('adhoc.rect')), h('div.row4', rect));
  const zoneBox = h('div.effect-field', h('label', { for: 'adhoc-zone' }, t('adhoc.zone')), zone);
  const areaBox = h('div.effect-field', h('label', { for: 'adhoc-area' }, t('adhoc.area')), area);
  const textBox = h('div.effect-field', h('label', { for: 'adhoc-hoax-text' }, t('adhoc.hoaxText')), hoaxText);
  const topicBox = h('div.effect-field', h('label', { for: 'adhoc-topic' }, t('adhoc.topic')), topic);
  const facilityBox = h('div.effect-field', h('label', { for: 'adhoc-facility' }, t('adhoc.facility')), facility);
  const ngoBox = h('div.effect-field', h('label', { for: 'adhoc-ngo' }, t('adhoc.ngo')), ngo);
  const showEffect = () => {
    const e = effect.value;
    surgeBox.hidden = e !== 'surge';
    unitBox.hidden = e !== 'unit_unavailable';
    rectBox.hidden = e !== 'road_closed';
    zoneBox.hidden = e !== 'landslide';
    areaBox.hidden = e !== 'hoax' && e !== 'complaint';
    textBox.hidden = e !== 'hoax';
    topicBox.hidden = e !== 'complaint';
    facilityBox.hidden = e !== 'facility_flood';
    ngoBox.hidden = e !== 'ngo_offer';
    if (e === 'hoax' || e === 'complaint') {
      const prev = area.value;
      setChildren(area, e === 'hoax' ? option('all', t('adhoc.allAreas')) : null, map.neighbourhoods.map((n) => option(n.id, n.name, n.id === prev)));
    }
  };
  effect.addEventListener('change', showEffect);
  showEffect();
  const world = h('select', { id: 'adhoc-world', 'data-testid': 'adhoc-world' }, option('', t('msel.allTeams')), state.teams.map((tm) => option(tm.id, tm.name)));
  const result = h('p.result', { role: 'status', 'data-testid': 'adhoc-result' });
  const send = h('button.primary', { type: 'submit', 'data-testid': 'adhoc-send' }, t('adhoc.send'));
  const field = (forId: string, label: string, input: HTMLElement) => h('div', h('label', { for: forId }, label), input);
  const form = h('form.adhoc',
    h('div.row2', field('adhoc-from', t('adhoc.from'), from), field('adhoc-method', t('adhoc.method'), method)),
    h('div.row2', field('adhoc-to', t('adhoc.to'), to), field('adhoc-world', t('adhoc.world'), world)),
    field('adhoc-msg-id', t('adhoc.messageId'), msgId),
    field('adhoc-msg-en', t('adhoc.messageEn'), msgEn),
    h('div.row2', field('adhoc-expected', t('adhoc.expected'), expected), field('adhoc-deadline', t('adhoc.deadline'), deadline)),
    targetBox,
    field('adhoc-effect', t('adhoc.effect'), effect), surgeBox, unitBox, rectBox, zoneBox, areaBox, textBox, topicBox, facilityBox, ngoBox,
    h('div.actions', send), result);
  /** The chosen effect as the schema wants it, or the sentence saying what is missing. */
  const readEffect = (): unknown => {
    const e = effect.value;
    const chosen = (sel: HTMLSelectElement) => sel.value || t('adhoc.noChoice');
    if (e === 'surge') {
      const m = Number(metres.value);
      return !Number.isFinite(m) || metres.value.trim() === '' ? t('adhoc.badNumber') : { kind: 'surge', metres: m };
    }
    if (e === 'unit_unavailable') return unit.value ? { kind: e, unitId: unit.value } : chosen(unit);
    if (e === 'road_closed') {
      const v = rect.map((r) => Number(r.value));
      if (rect.some((r) => r.value.trim() === '') || v.some((x) => !Number.isInteger(x) || x < 0)) return t('adhoc.badNumber');
      return { kind: 'road_closed', x0: v[0], y0: v[1], x1: v[2], y1: v[3] };
    }
    if (e === 'landslide') return zone.value ? { kind: e, zoneId: zone.value } : chosen(zone);
    if (e === 'hoax') return !hoaxText.value.trim() ? t('adhoc.missingText') : area.value ? { kind: e, area: area.value, text: hoaxText.value.trim() } : chosen(area);
    if (e === 'complaint') return area.value ? { kind: e, area: area.value, topic: topic.value } : chosen(area);
    if (e === 'facility_flood') return facility.value ? { kind: e, facility: facility.value } : chosen(facility);
    if (e === 'ngo_offer') return ngo.value ? { kind: e, ngo: ngo.value } : chosen(ngo);
    return null;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!from.value.trim() || !msgId.value.trim()) { say(result, t('adhoc.missing'), false); return; }
    const eff = readEffect();
    if (typeof eff === 'string') { say(result, eff, false); return; }
    const dl = deadline.value.trim() ? Number(deadline.value) : null;
    const row = {
      from: from.value.trim(), to: to.value, method: method.value,
      message: { id: msgId.value.trim(), en: msgEn.value.trim() },
      expectedAction: expected.value || null, expectedTarget: expected.value && target.value ? target.value : null,
      deadlineMinutes: expected.value && dl ? Math.round(dl) : null, effect: eff,
    };
    send.disabled = true;
    // The form's values are the schema's options (method, action, effect lists); the server's schema checks them.
    const adhoc = { op: 'adhoc', row } as Extract<RequestOf<typeof C2S.injectControl>['action'], { op: 'adhoc' }>;
    const ack = await conn.request(C2S.injectControl, { code, action: adhoc, ...(world.value ? { teamId: world.value } : {}) });
    send.disabled = false;
    if (ack.ok) { say(result, t('adhoc.sent', { no: ack.no }), true); msgId.value = ''; msgEn.value = ''; }
    else say(result, errorText(ack.error), false);
  });
  return h('details.panel.adhoc-panel', { 'data-testid': 'adhoc-panel' }, h('summary', h('h3.inline', t('adhoc.title'))), form);
}

/** Notes: a form (text, team, HSEEP rating) and the list, newest first. */
export class NotesPanel {
  readonly el: HTMLElement;
  private list = h('ul.notes', { 'data-testid': 'notes' });
  private notes: Note[] = [];
  private team = h('select', { id: 'note-team', 'data-testid': 'note-team' });
  private state: DrillState | null = null;

  constructor(private conn: Connection, private code: string) {
    const text = h('textarea', { id: 'note-text', rows: 2, maxlength: 2000, placeholder: t('notes.placeholder'), 'data-testid': 'note-text' });
    const rating = h('select', { id: 'note-rating', 'data-testid': 'note-rating' }, option('', t('notes.noRating')), RATINGS.map((r) => option(r, t(`rating.${r}`))));
    const result = h('p.result', { role: 'status', 'data-testid': 'note-result' });
    const btn = h('button.primary', { type: 'submit', 'data-testid': 'note-add' }, t('notes.add'));
    const form = h('form.notes-form',
      h('label', { for: 'note-text' }, t('notes.text')), text,
      h('div.row2', h('div', h('label', { for: 'note-team' }, t('notes.team')), this.team), h('div', h('label', { for: 'note-rating' }, t('notes.rating')), rating)),
      h('div.actions', btn), result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!text.value.trim()) { say(result, t('notes.missing'), false); return; }
      btn.disabled = true;
      const ack = await this.conn.request(C2S.noteAdd, { code: this.code, text: text.value.trim(), ...(this.team.value ? { teamId: this.team.value } : {}), ...(rating.value ? { rating: rating.value as 'P' | 'S' | 'M' | 'U' } : {}) });
      btn.disabled = false;
      if (ack.ok) { say(result, t('notes.added'), true); text.value = ''; rating.value = ''; }
      else say(result, errorText(ack.error), false);
    });
    this.el = h('section.panel.notes-panel', h('h3', t('notes.title')), form, this.list);
    this.render();
  }

  setState(s: DrillState): void {
    if (this.state && this.state.teams.length === s.teams.length) { this.state = s; return; }
    this.state = s;
    const prev = this.team.value;
    setChildren(this.team, option('', t('notes.general')), s.teams.map((tm) => option(tm.id, tm.name, tm.id === prev)));
    this.render();
  }

  setAll(notes: Note[]): void {
    this.notes = [...notes];
    this.render();
  }

  add(n: Note): void {
    this.notes.push(n);
    this.render();
  }

  private render(): void {
    const teamName = (id?: string) => (id ? this.state?.teams.find((x) => x.id === id)?.name ?? id : t('notes.general'));
    setChildren(this.list, this.notes.length ? [...this.notes].reverse().map((n) => noteItem(n, teamName(n.teamId))) : h('li.feed-empty', t('notes.empty')));
  }
}

export function noteItem(n: Note, team: string | null): HTMLElement {
  return h('li.note', { 'data-rating': n.rating ?? '' },
    h('div.feed-meta', h('span.feed-time', `H+${tickClock(n.tick)}`),
      n.rating ? h(`span.chip.rating.rating-${n.rating}`, { title: t(`rating.${n.rating}`) }, n.rating) : null,
      team ? h('span.feed-team', team) : null,
      h('span.muted.small', n.by === roleName(n.role) ? n.by : `${n.by} (${roleName(n.role)})`)),
    h('div.note-text', n.text));
}
