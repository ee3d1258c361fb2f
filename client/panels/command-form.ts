// Every command a team can give, grouped (warning & evacuation, posko & status, shelters, units, public
// information). A form's button is disabled, with the reason, when the player's role may not issue that command
// (the rights table); ack errors and refusals are shown inline, in words. Clarifications and complaint answers
// are given from the social-media and LAPOR! panels (panels/team-panels.ts) through `send`.
import { C2S, type MapInfo, type TeamView } from '../../server/protocol/events.ts';
import { may, type Role } from '../../server/protocol/rights.ts';
import { CHANNELS, EMERGENCY_STATUSES, WARNING_LEVELS, type Channel, type EmergencyStatus, type WarningLevel } from '../../server/protocol/commands/options.ts';
import type { Command, CommandType } from '../../server/sim/command.ts';
import { COMMAND_SPECS, type CommandGroup } from '../../server/protocol/commands/index.ts';
import { specFields } from './spec-form.ts';
import { num, t, tMaybe, type MessageKey } from '../i18n/index.ts';
import { newClientId, type Connection } from '../net/connection.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { Names, channelName, errorText, levelName, roleName, statusName, tickClock } from '../util/format.ts';

type Field = HTMLElement | null;
/** Commands with a hand-made form here (or, for clarifications and complaint answers, in team-panels.ts); every
 *  other command gets a form built from its spec. */
const HANDMADE = new Set<string>([
  'warn', 'evacuate', 'close_road', 'declare_status', 'activate_posko', 'hold_coordination_meeting', 'request_support',
  'open_shelter', 'close_shelter', 'resupply_shelter', 'task_unit', 'submit_sitrep', 'publish_clarification', 'answer_complaint',
]);
/** Asks the map for one cell click; resolves with the cell (or null when cancelled). */
export type CellPicker = (cb: (x: number, y: number) => void) => void;

export class CommandForms {
  readonly el: HTMLElement;
  private unitSelect: HTMLSelectElement;
  private shelterSelects: HTMLSelectElement[] = [];
  private names: Names;
  private viewKey = '';
  picker: CellPicker | null = null;

  constructor(private conn: Connection, private map: MapInfo, private role: Role, names: Names) {
    this.names = names;
    const areaOptions = () => map.neighbourhoods.map((n) => option(n.id, n.name));
    const label = (forId: string, key: MessageKey, ...extra: (HTMLElement | string)[]) => h('label', { for: forId }, t(key), ...extra);
    const pair = (a: HTMLElement[], b: HTMLElement[]) => h('div.row2', h('div', a), h('div', b));

    // ---------- warning & evacuation ----------
    const warnAreas = h('select', { id: 'warn-areas', multiple: true, size: Math.min(5, map.neighbourhoods.length), 'data-testid': 'area-select' }, areaOptions());
    const channel = h('select', { id: 'warn-channel', 'data-testid': 'channel-select' }, CHANNELS.map((c) => option(c, channelName(c))));
    const level = h('select', { id: 'warn-level', 'data-testid': 'level-select' }, WARNING_LEVELS.map((l) => option(l, levelName(l), l === 'siaga')));
    const message = h('input', { id: 'warn-message', maxlength: 500, placeholder: t('cmd.messagePlaceholder'), 'data-testid': 'warn-message' });
    const warnForm = this.form('warn', t('cmd.warn'), t('cmd.sendWarn'), 'send-warning', [
      label('warn-areas', 'cmd.areas', ' ', multiHint()), warnAreas,
      pair([label('warn-channel', 'cmd.channel'), channel], [label('warn-level', 'cmd.level'), level]),
      label('warn-message', 'cmd.message'), message,
    ], () => {
      const areas = selected(warnAreas);
      if (!areas.length) return t('cmd.pickArea');
      const cmd: Command = { type: 'warn', areas, channel: channel.value as Channel, level: level.value as WarningLevel };
      if (message.value.trim()) cmd.message = message.value.trim();
      return cmd;
    });

    const evacAreas = h('select', { id: 'evac-areas', multiple: true, size: Math.min(5, map.neighbourhoods.length), 'data-testid': 'evac-area-select' }, areaOptions());
    const evacShelter = this.shelterSelect('evac-shelter', 'shelter-select');
    const evacForm = this.form('evacuate', t('cmd.evacuate'), t('cmd.sendEvacuate'), 'send-evacuation', [
      label('evac-areas', 'cmd.areas', ' ', multiHint()), evacAreas,
      label('evac-shelter', 'cmd.shelter'), evacShelter,
    ], () => {
      const areas = selected(evacAreas);
      if (!areas.length) return t('cmd.pickArea');
      return { type: 'evacuate', areas, shelterId: evacShelter.value };
    });

    const roadX = h('input', { id: 'road-x', type: 'number', min: 0, max: map.width - 1, step: 1, 'data-testid': 'road-x' });
    const roadY = h('input', { id: 'road-y', type: 'number', min: 0, max: map.height - 1, step: 1, 'data-testid': 'road-y' });
    const pickHint = h('span.hint');
    const pickBtn = h('button', { type: 'button', 'data-testid': 'road-pick', disabled: !may(role, 'close_road') }, t('cmd.pickCell'));
    pickBtn.addEventListener('click', () => {
      if (!this.picker) return;
      pickHint.textContent = window.matchMedia('(hover: none)').matches ? t('cmd.mapPickTap') : t('cmd.picking');
      this.picker((x, y) => { roadX.value = String(x); roadY.value = String(y); pickHint.textContent = t('cmd.picked', { x, y }); });
    });
    const roadForm = this.form('close_road', t('cmd.close_road'), t('cmd.close_road'), 'send-road', [
      pair([label('road-x', 'cmd.cellX'), roadX], [label('road-y', 'cmd.cellY'), roadY]),
      h('div.pick-row', pickBtn, pickHint),
    ], () => {
      const x = intOrNull(roadX.value), y = intOrNull(roadY.value);
      if (x === null || y === null) return t('cmd.pickFirst');
      return { type: 'close_road', x, y };
    }, false);

    // ---------- posko & status ----------
    const statusSel = h('select', { id: 'status-select', 'data-testid': 'status-select' }, EMERGENCY_STATUSES.map((s) => option(s, statusName(s))));
    const statusForm = this.form('declare_status', t('cmd.declare_status'), t('cmd.sendStatus'), 'send-status', [
      label('status-select', 'cmd.status'), statusSel,
    ], () => ({ type: 'declare_status', status: statusSel.value as EmergencyStatus }));
    const quick = this.quickButtons([
      ['activate_posko', t('cmd.activate_posko'), 'send-posko'],
      ['hold_coordination_meeting', t('cmd.hold_coordination_meeting'), 'send-meeting'],
    ]);
    const supportSel = h('select', { id: 'support-from', 'data-testid': 'support-select' }, (['province', 'bnpb'] as const).map((s) => option(s, t(`support.${s}`))));
    const supportForm = this.form('request_support', t('cmd.request_support'), t('cmd.request_support'), 'send-support', [
      label('support-from', 'cmd.supportFrom'), supportSel,
    ], () => ({ type: 'request_support', from: supportSel.value as 'province' | 'bnpb' }), false);

    // ---------- shelters ----------
    const ocShelter = this.shelterSelect('oc-shelter', 'oc-shelter-select');
    const ocResult = h('p.result', { role: 'status', 'data-testid': 'send-shelter-result' });
    const ocBtn = (type: 'open_shelter' | 'close_shelter', key: MessageKey, testid: string) => {
      const allowed = may(role, type);
      const b = h(`button${type === 'open_shelter' ? '.primary' : ''}`, { type: 'button', 'data-testid': testid, disabled: !allowed, title: allowed ? null : this.notAllowed() }, t(key));
      b.addEventListener('click', () => void this.send({ type, shelterId: ocShelter.value }, ocResult, b));
      return b;
    };
    const ocAllowed = may(role, 'open_shelter') || may(role, 'close_shelter');
    const ocForm = h(`div.cmd-form${ocAllowed ? '' : '.not-allowed'}`, { 'data-command': 'open_shelter' },
      h('div.cmd-title', `${t('cmd.open_shelter')} / ${t('cmd.close_shelter')}`, ocAllowed ? null : h('span.hint', ` — ${this.notAllowed()}`)),
      h('fieldset', { disabled: !ocAllowed }, h('label', { for: 'oc-shelter' }, t('cmd.shelter')), ocShelter),
      h('div.actions', ocBtn('open_shelter', 'cmd.sendOpen', 'send-open-shelter'), ocBtn('close_shelter', 'cmd.sendClose', 'send-close-shelter')), ocResult);

    const rsShelter = this.shelterSelect('rs-shelter', 'rs-shelter-select');
    const amount = (id: string, key: MessageKey) => {
      const input = h('input', { id, type: 'number', min: 0, step: 1, inputmode: 'numeric', 'data-testid': id });
      return { input, el: h('div', label(id, key), input) };
    };
    const water = amount('rs-water', 'cmd.water'), food = amount('rs-food', 'cmd.food'), hyg = amount('rs-hygiene', 'cmd.hygiene'), toil = amount('rs-toilets', 'cmd.toilets');
    const rsForm = this.form('resupply_shelter', t('cmd.resupply_shelter'), t('cmd.send'), 'send-resupply', [
      label('rs-shelter', 'cmd.shelter'), rsShelter,
      h('p.hint', t('cmd.amounts')),
      h('div.row2', water.el, food.el), h('div.row2', hyg.el, toil.el),
    ], () => {
      const cmd: Command = { type: 'resupply_shelter', shelterId: rsShelter.value };
      for (const [k, f] of [['water', water], ['food', food], ['hygiene', hyg], ['toilets', toil]] as const) {
        const v = intOrNull(f.input.value);
        if (v !== null) cmd[k] = v;
      }
      return cmd;
    }, false);

    // ---------- units ----------
    this.unitSelect = h('select', { id: 'task-unit', 'data-testid': 'unit-select' });
    const taskArea = h('select', { id: 'task-area', 'data-testid': 'task-area-select' }, areaOptions());
    const queue = h('input', { id: 'task-queue', type: 'checkbox', 'data-testid': 'task-queue' });
    // Ambulances and trucks may be sent to carry a health facility's patients instead (server/sim/health-facility.ts).
    const facilities = map.facilities ?? [];
    const taskFacility = h('select', { id: 'task-facility', 'data-testid': 'task-facility-select' }, [option('', '—'), ...facilities.map((f) => option(f.id, f.name))]);
    const taskForm = this.form('task_unit', t('cmd.task_unit'), t('cmd.sendTask'), 'send-task', [
      label('task-unit', 'cmd.unit'), this.unitSelect,
      label('task-area', 'cmd.area'), taskArea,
      ...(facilities.length ? [label('task-facility', 'cmd.field.facility'), taskFacility] : []),
      h('label.check', queue, ' ', t('cmd.queue')),
    ], () => {
      const cmd: Command = { type: 'task_unit', unitId: this.unitSelect.value, area: taskArea.value };
      if (taskFacility.value) cmd.facility = taskFacility.value;
      if (queue.checked) cmd.queue = true;
      return cmd;
    });

    // ---------- public information ----------
    const sitrep = (id: string, key: MessageKey) => {
      const input = h('input', { id, type: 'number', min: 0, step: 1, inputmode: 'numeric', 'data-testid': id });
      return { input, el: h('div', label(id, key), input) };
    };
    const sSh = sitrep('sitrep-sheltered', 'cmd.sheltered'), sSt = sitrep('sitrep-stranded', 'cmd.stranded'), sCa = sitrep('sitrep-casualties', 'cmd.casualtiesN');
    const sitrepForm = this.form('submit_sitrep', t('cmd.submit_sitrep'), t('cmd.send'), 'send-sitrep', [
      h('p.hint', t('cmd.sitrepHint')), h('div.row3', sSh.el, sSt.el, sCa.el),
    ], () => {
      const cmd: Command = { type: 'submit_sitrep' };
      for (const [k, f] of [['sheltered', sSh], ['stranded', sSt], ['casualties', sCa]] as const) {
        const v = intOrNull(f.input.value);
        if (v !== null) cmd[k] = v;
      }
      return cmd;
    });

    const group = (key: MessageKey, testid: string, types: CommandType[], ...forms: Field[]) => {
      const any = types.some((ty) => may(role, ty));
      return h('details.cmd-group', { 'data-testid': testid, open: testid === 'group-warning' && any },
        h('summary', t(key), any ? null : h('span.hint', ` — ${this.notAllowed()}`)), forms);
    };
    // Groups and their commands come from the command specs (server/protocol/commands/): a command without a
    // hand-made form above gets one built from its spec (spec-form.ts).
    const typesOf = (g: CommandGroup) => COMMAND_SPECS.filter((sp) => sp.group === g).map((sp) => sp.type as CommandType);
    const fromSpecs = (g: CommandGroup) => COMMAND_SPECS.filter((sp) => sp.group === g && !HANDMADE.has(sp.type)).map((sp) => {
      const f = specFields(sp, map);
      return this.form(sp.type as CommandType, tMaybe(`cmd.${sp.type}`, sp.type), t('cmd.send'), `send-${sp.type}`, f.fields, f.build, false);
    });
    this.el = h('section.panel.commands', h('h3', t('player.commands')),
      group('cmdgroup.warning', 'group-warning', typesOf('warning'), warnForm, evacForm, roadForm, ...fromSpecs('warning')),
      group('cmdgroup.post', 'group-post', typesOf('post'), statusForm, quick, supportForm, ...fromSpecs('post')),
      group('cmdgroup.shelter', 'group-shelter', typesOf('shelter'), ocForm, rsForm, ...fromSpecs('shelter')),
      group('cmdgroup.unit', 'group-unit', typesOf('unit'), taskForm, ...fromSpecs('unit')),
      group('cmdgroup.public', 'group-public', typesOf('public'), sitrepForm, ...fromSpecs('public')),
    );
  }

  /** Refresh what depends on the view: units' state in the unit select, shelters open/closed and occupancy. */
  update(view: TeamView): void {
    const key = JSON.stringify([view.units, view.shelters]);
    if (key === this.viewKey) return;
    this.viewKey = key;
    // Option texts are rewritten in place (only those that changed): the choice and the open list stay put.
    relabel(this.unitSelect, this.map.units.map((u) => {
      const v = view.units.find((x) => x.id === u.id);
      const label = t('unit.label', { ngo: u.ngoName, kind: tMaybe(`unit.${u.kind}`, u.kind), id: u.id });
      const state = v ? [tMaybe(`phase.${v.phase}`, v.phase), v.task ? this.names.area(v.task) : '', v.queued ? t('unitv.queued', { n: v.queued }) : ''].filter(Boolean).join(', ') : '';
      return [u.id, state ? `${label} · ${state}` : label];
    }));
    for (const sel of this.shelterSelects) {
      relabel(sel, this.map.shelters.map((s) => {
        const v = view.shelters.find((x) => x.id === s.id);
        const state = v ? t(v.open ? 'shelter.open' : 'shelter.closed') : '';
        return [s.id, t('cmd.shelterState', { name: s.name, state, occ: num(v?.occupants ?? 0), cap: num(v?.capacity ?? s.capacity) })];
      }));
    }
  }

  /** Sends a command; the result (or the refusal in words) goes into `result`. */
  async send(cmd: Command, result: HTMLElement, btn?: HTMLButtonElement): Promise<boolean> {
    if (!may(this.role, cmd.type)) { say(result, this.notAllowed(), false); return false; }
    if (btn) btn.disabled = true;
    say(result, t('cmd.sending'), true);
    const ack = await this.conn.request(C2S.commandSend, { clientId: newClientId(), command: cmd });
    if (btn) btn.disabled = false;
    if (ack.ok) say(result, t('cmd.sent', { clock: tickClock(ack.tick) }), true);
    else say(result, errorText(ack.error, this.names), false);
    return ack.ok;
  }

  notAllowed(): string {
    return t('cmd.notAllowedFor', { role: roleName(this.role) });
  }

  private shelterSelect(id: string, testid: string): HTMLSelectElement {
    const sel = h('select', { id, 'data-testid': testid }, this.map.shelters.map((s) => option(s.id, `${s.name} (${s.capacity})`)));
    this.shelterSelects.push(sel);
    return sel;
  }

  private quickButtons(items: [CommandType, string, string][]): HTMLElement {
    const result = h('p.result', { role: 'status', 'data-testid': 'send-quick-result' });
    const buttons = items.map(([type, text, testid]) => {
      const allowed = may(this.role, type);
      const b = h('button.primary', { type: 'button', 'data-testid': testid, 'data-command': type, disabled: !allowed, title: allowed ? null : this.notAllowed() }, text);
      b.addEventListener('click', () => void this.send({ type } as Command, result, b));
      return b;
    });
    return h('div.cmd-form.quick', h('div.actions', buttons), result);
  }

  private form(type: CommandType, title: string, button: string, testid: string, fields: Field[], build: () => Command | string, open = true): HTMLElement {
    const allowed = may(this.role, type);
    const btn = h('button.primary', { type: 'submit', 'data-testid': testid, disabled: !allowed, title: allowed ? null : this.notAllowed() }, button);
    const result = h('p.result', { role: 'status', 'data-testid': `${testid}-result` });
    const fs = h('fieldset', { disabled: !allowed }, fields);
    const form = h(`form.cmd-form${allowed ? '' : '.not-allowed'}`, { 'data-command': type },
      h('details', { open: allowed && open, 'data-testid': `form-${type}` },
        h('summary', title, allowed ? null : h('span.hint', ` — ${this.notAllowed()}`)),
        fs, h('div.actions', btn), result));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const cmd = build();
      if (typeof cmd === 'string') { say(result, cmd, false); return; }
      void this.send(cmd, result, btn);
    });
    return form;
  }
}

export function say(el: HTMLElement, text: string, ok: boolean): void {
  el.textContent = text;
  el.className = ok ? 'result ok' : 'result error';
}

/** How to choose several: Ctrl/⌘ + click with a mouse, a tap on touch screens (CSS shows the one that fits). */
function multiHint(): HTMLElement {
  return h('span.hint', h('span.hint-mouse', t('cmd.multiHint')), h('span.hint-touch', t('cmd.multiHintTouch')));
}

/** Sets a select's options to [value, text] pairs, touching only the options whose text changed. */
function relabel(sel: HTMLSelectElement, items: [string, string][]): void {
  const same = sel.options.length === items.length && items.every(([v], i) => sel.options[i].value === v);
  if (!same) {
    const prev = sel.value;
    setChildren(sel, items.map(([v, text]) => option(v, text, v === prev)));
    return;
  }
  items.forEach(([, text], i) => { if (sel.options[i].text !== text) sel.options[i].text = text; });
}

function selected(sel: HTMLSelectElement): string[] {
  return [...sel.selectedOptions].map((o) => o.value);
}

function intOrNull(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 ? n : null;
}
