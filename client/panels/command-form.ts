// The three command forms: warning, evacuation order, unit tasking. A form's button is disabled when the
// player's role may not issue that command (the rights table); ack errors are shown inline, in words.
import { C2S, type Ack, type MapInfo, type TeamView } from '../../server/protocol/events.ts';
import { may, type Role } from '../../server/protocol/rights.ts';
import { CHANNELS, WARNING_LEVELS } from '../../server/sim/command-options.ts';
import type { Command, CommandType } from '../../server/sim/command.ts';
import { t, tMaybe } from '../i18n/index.ts';
import { newClientId, type Connection } from '../net/connection.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { channelName, clock, errorText, levelName } from '../util/format.ts';

export class CommandForms {
  readonly el: HTMLElement;
  private unitSelect: HTMLSelectElement;
  private map: MapInfo;

  constructor(private conn: Connection, map: MapInfo, private role: Role, private isLive: () => boolean) {
    this.map = map;
    const areaOptions = () => map.neighbourhoods.map((n) => option(n.id, n.name));

    // Warning
    const warnAreas = h('select', { id: 'warn-areas', multiple: true, size: Math.min(5, map.neighbourhoods.length), 'data-testid': 'area-select' }, areaOptions());
    const channel = h('select', { id: 'warn-channel', 'data-testid': 'channel-select' }, CHANNELS.map((c) => option(c, channelName(c))));
    const level = h('select', { id: 'warn-level', 'data-testid': 'level-select' }, WARNING_LEVELS.map((l) => option(l, levelName(l), l === 'siaga')));
    const message = h('input', { id: 'warn-message', maxlength: 500, placeholder: t('cmd.messagePlaceholder'), 'data-testid': 'warn-message' });
    const warnForm = this.form('warn', t('cmd.warn'), t('cmd.sendWarn'), 'send-warning', [
      h('label', { for: 'warn-areas' }, t('cmd.areas'), ' ', h('span.hint', t('cmd.multiHint'))), warnAreas,
      h('div.row2', h('div', h('label', { for: 'warn-channel' }, t('cmd.channel')), channel), h('div', h('label', { for: 'warn-level' }, t('cmd.level')), level)),
      h('label', { for: 'warn-message' }, t('cmd.message')), message,
    ], () => {
      const areas = selected(warnAreas);
      if (!areas.length) return t('cmd.pickArea');
      const cmd: Command = { type: 'warn', areas, channel: channel.value as Command & { type: 'warn' } extends { channel: infer C } ? C : never, level: level.value as (typeof WARNING_LEVELS)[number] };
      if (message.value.trim()) cmd.message = message.value.trim();
      return cmd;
    });

    // Evacuation order
    const evacAreas = h('select', { id: 'evac-areas', multiple: true, size: Math.min(5, map.neighbourhoods.length), 'data-testid': 'evac-area-select' }, areaOptions());
    const shelter = h('select', { id: 'evac-shelter', 'data-testid': 'shelter-select' }, map.shelters.map((s) => option(s.id, `${s.name} (${s.capacity})`)));
    const evacForm = this.form('evacuate', t('cmd.evacuate'), t('cmd.sendEvacuate'), 'send-evacuation', [
      h('label', { for: 'evac-areas' }, t('cmd.areas'), ' ', h('span.hint', t('cmd.multiHint'))), evacAreas,
      h('label', { for: 'evac-shelter' }, t('cmd.shelter')), shelter,
    ], () => {
      const areas = selected(evacAreas);
      if (!areas.length) return t('cmd.pickArea');
      return { type: 'evacuate', areas, shelterId: shelter.value };
    });

    // Unit tasking
    this.unitSelect = h('select', { id: 'task-unit', 'data-testid': 'unit-select' });
    const taskArea = h('select', { id: 'task-area', 'data-testid': 'task-area-select' }, areaOptions());
    const taskForm = this.form('task_unit', t('cmd.task_unit'), t('cmd.sendTask'), 'send-task', [
      h('label', { for: 'task-unit' }, t('cmd.unit')), this.unitSelect,
      h('label', { for: 'task-area' }, t('cmd.area')), taskArea,
    ], () => ({ type: 'task_unit', unitId: this.unitSelect.value, area: taskArea.value }));

    this.el = h('section.panel.commands', h('h3', t('player.commands')), warnForm, evacForm, taskForm);
  }

  /** Refresh what depends on the view (units' state in the unit select). */
  update(view: TeamView, names: { area(id: string): string }): void {
    const prev = this.unitSelect.value;
    setChildren(this.unitSelect, this.map.units.map((u) => {
      const v = view.units.find((x) => x.id === u.id);
      const label = t('unit.label', { ngo: u.ngoName, kind: tMaybe(`unit.${u.kind}`, u.kind), id: u.id });
      const status = v ? t('unit.status', { task: v.task ? names.area(v.task) : t('unit.idle'), rescued: v.rescued }) : '';
      return option(u.id, status ? `${label} · ${status}` : label, u.id === prev);
    }));
  }

  private form(type: CommandType, title: string, button: string, testid: string, fields: HTMLElement[], build: () => Command | string): HTMLElement {
    const allowed = may(this.role, type);
    const btn = h('button.primary', { type: 'submit', 'data-testid': testid, disabled: !allowed }, button);
    const result = h('p.result', { role: 'status', 'data-testid': `${testid}-result` });
    const fs = h('fieldset', { disabled: !allowed }, fields);
    const form = h(`form.cmd-form${allowed ? '' : '.not-allowed'}`, { 'data-command': type },
      h('details', { open: allowed },
        h('summary', title, allowed ? null : h('span.hint', ` — ${t('cmd.notAllowed')}`)),
        fs, h('div.actions', btn), result));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!allowed) { result.textContent = t('cmd.notAllowed'); return; }
      const cmd = build();
      if (typeof cmd === 'string') { this.say(result, cmd, false); return; }
      btn.disabled = true;
      this.say(result, t('cmd.sending'), true);
      const ack: Ack<{ tick: number }> = await this.conn.request<{ tick: number }>(C2S.commandSend, { clientId: newClientId(), command: cmd });
      btn.disabled = false;
      if (ack.ok) this.say(result, t('cmd.sent', { clock: clock(ack.tick) }), true);
      else this.say(result, errorText(ack.error), false);
    });
    void this.isLive;
    return form;
  }

  private say(el: HTMLElement, text: string, ok: boolean): void {
    el.textContent = text;
    el.className = ok ? 'result ok' : 'result error';
  }
}

function selected(sel: HTMLSelectElement): string[] {
  return [...sel.selectedOptions].map((o) => o.value);
}
