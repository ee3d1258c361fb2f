// Exercise Evaluation Guide (HSEEP EEG) in the evaluator's (and facilitator's) control room: per objective and team
// the rating Gladi suggests from the evidence, and the evaluator's own P/S/M/U with a note, saved to the drill
// (PUT /api/drills/CODE/ratings), filled during or after the drill. The debrief and the AAR/IP show both.
import type { ObjectiveResult, Rating } from '../../server/debrief/objectives.ts';
import { pick, t } from '../i18n/index.ts';
import { api } from '../pages/debrief-api.ts';
import { metricName } from './metrics.ts';
import { h, setChildren } from '../util/dom.ts';
import '../pages/debrief.css';

const RATINGS: Rating[] = ['P', 'S', 'M', 'U'];

export function eegPanel(code: string, teams: () => { id: string; name: string }[], by: () => string | null): HTMLElement {
  const body = h('div.eeg-body');
  const el = h('details.panel.eeg', { 'data-testid': 'eeg' }, h('summary', h('h3', t('eeg.title'))), body);
  const load = async () => {
    setChildren(body, h('p.muted', t('eeg.loading')));
    const r = await api<{ objectives: ObjectiveResult[] }>(code, `/api/drills/${code}/objectives`);
    if (!r.ok) { setChildren(body, h('p.error', r.message)); return; }
    const names = new Map(teams().map((x) => [x.id, x.name]));
    setChildren(body, h('p.muted.small', t('eeg.help')), r.data.objectives.map((o) => h('section.eeg-objective', { 'data-testid': `eeg-${o.id}` },
      h('h4', pick(o.name)), h('p.muted.small', pick(o.capability)),
      o.teams.map((ot) => {
        const current = ot.rating?.rating ?? ot.suggested ?? '';
        const sel = h('select', { 'data-testid': `eeg-rating-${o.id}-${ot.teamId}`, 'aria-label': t('eeg.rating') },
          h('option', { value: '', selected: current === '' }, '—'),
          RATINGS.map((x) => h('option', { value: x, selected: current === x }, x))) as HTMLSelectElement;
        const note = h('textarea', { rows: 2, maxlength: 2000, placeholder: t('eeg.note'), 'data-testid': `eeg-note-${o.id}-${ot.teamId}` }, ot.rating?.note ?? '') as HTMLTextAreaElement;
        const msg = h('span.muted.small', { role: 'status' });
        const save = async () => {
          if (!sel.value) { msg.textContent = t('eeg.pick'); return; }
          const res = await api(code, `/api/drills/${code}/ratings`, { method: 'PUT', body: { objectiveId: o.id, teamId: ot.teamId, rating: sel.value, note: note.value.trim(), by: by() ?? undefined } });
          msg.textContent = res.ok ? t('eeg.saved') : res.message;
        };
        return h('div.eeg-team',
          h('div.eeg-line', h('b', names.get(ot.teamId) ?? ot.teamId), ' ', t('deb.suggested'), ' ', h(`span.rating.r-${ot.suggested ?? 'none'}`, ot.suggested ?? '—'),
            ot.rating ? h('span.muted.small', ` · ${t('deb.evaluatorRating')}: ${ot.rating.rating} (${ot.rating.by})`) : null),
          h('div.muted.small', ot.evidence.map((e) => `${metricName(e.metricId)} ${e.value === null ? '—' : `${Math.round(e.value * 100)} %`}`).join(' · ')),
          h('div.eeg-form', sel, note, h('button.small', { type: 'button', 'data-testid': `eeg-save-${o.id}-${ot.teamId}`, onclick: () => void save() }, t('eeg.save')), msg));
      }))),
    h('button.small', { type: 'button', onclick: () => void load() }, t('eeg.refresh')));
  };
  el.addEventListener('toggle', () => { if ((el as HTMLDetailsElement).open) void load(); });
  return el;
}
