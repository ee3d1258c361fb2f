// A command form built from the command's spec (server/protocol/commands/<type>.ts): one input per field, chosen by
// the field's kind and what it names (areas, shelters, units from the map; options from the spec's list). Used for
// every command that has no hand-made form in command-form.ts, so a new command is playable as soon as its spec,
// its engine module and its words exist.
import type { MapInfo } from '../../server/protocol/events.ts';
import type { Command, CommandSpec, FieldSpec } from '../../server/protocol/commands/index.ts';
import { t, tMaybe } from '../i18n/index.ts';
import { h, option } from '../util/dom.ts';

/** Picker lists the map knows; a field naming anything else is typed in. */
function choices(map: MapInfo, ref: string | undefined): { id: string; name: string }[] | null {
  if (ref === 'area') return map.neighbourhoods;
  if (ref === 'shelter') return map.shelters;
  if (ref === 'unit') return map.units.map((u) => ({ id: u.id, name: `${u.ngoName} · ${u.id}` }));
  if (ref === 'facility') return map.facilities ?? null;
  if (ref === 'place') return [...(map.facilities ?? []), ...map.shelters];
  return null;
}

/** Fields and the function that reads them into a command (or a sentence saying what is missing). */
export function specFields(spec: CommandSpec, map: MapInfo): { fields: HTMLElement[]; build: () => Command | string } {
  const fields: HTMLElement[] = [];
  const read: [string, FieldSpec, () => unknown][] = [];
  for (const [name, f] of Object.entries(spec.fields) as [string, FieldSpec][]) {
    const id = `spec-${spec.type}-${name}`;
    const label = h('label', { for: id }, tMaybe(`cmd.field.${name}`, name));
    const list = 'ref' in f ? choices(map, f.ref) : null;
    let input: HTMLInputElement | HTMLSelectElement;
    let value: () => unknown;
    if (f.kind === 'ids' && list) {
      const sel = h('select', { id, multiple: true, size: Math.min(5, list.length), 'data-testid': id }, list.map((x) => option(x.id, x.name)));
      input = sel;
      value = () => [...sel.selectedOptions].map((o) => o.value);
    } else if ((f.kind === 'id' && list) || f.kind === 'enum') {
      const opts = f.kind === 'enum' ? f.options.map((o) => option(o, tMaybe(`opt.${name}.${o}`, o))) : list!.map((x) => option(x.id, x.name));
      const sel = h('select', { id, 'data-testid': id }, f.optional ? [option('', '—'), ...opts] : opts);
      input = sel;
      value = () => sel.value || undefined;
    } else if (f.kind === 'int') {
      const inp = h('input', { id, type: 'number', min: f.min, ...(f.max !== undefined ? { max: f.max } : {}), step: 1, inputmode: 'numeric', 'data-testid': id });
      input = inp;
      value = () => (inp.value.trim() === '' ? undefined : Number(inp.value));
    } else if (f.kind === 'bool') {
      const inp = h('input', { id, type: 'checkbox', 'data-testid': id });
      input = inp;
      value = () => (inp.checked ? true : undefined);
    } else {
      const max = f.kind === 'text' ? f.max : 64;
      const inp = h('input', { id, maxlength: max, 'data-testid': id });
      input = inp;
      value = () => inp.value.trim() || undefined;
    }
    fields.push(f.kind === 'bool' ? h('label.check', input, ' ', tMaybe(`cmd.field.${name}`, name)) : h('div', label, input));
    read.push([name, f, value]);
  }
  const build = (): Command | string => {
    const cmd: Record<string, unknown> = { type: spec.type };
    for (const [name, f, value] of read) {
      const v = value();
      const empty = v === undefined || (Array.isArray(v) && v.length === 0);
      if (empty) {
        if (!f.optional) return t('cmd.fieldMissing', { field: tMaybe(`cmd.field.${name}`, name) });
        continue;
      }
      if (f.kind === 'int' && (!Number.isInteger(v) || (v as number) < f.min)) return t('cmd.fieldMissing', { field: tMaybe(`cmd.field.${name}`, name) });
      cmd[name] = v;
    }
    return cmd as Command;
  };
  return { fields, build };
}
