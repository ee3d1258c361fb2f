// The after-action report and improvement plan (AAR/IP) of a drill: one model built from the log, the replay and the
// debrief documents, rendered as printable HTML here and as PDF in report-pdf.ts. Structure after the HSEEP AAR/IP
// template (FEMA, Homeland Security Exercise and Evaluation Program, 2020): overview, objectives with ratings and
// evidence, strengths and areas for improvement, observations, improvement plan.
import type { Drill } from '../drill/drill.ts';
import type { Note } from '../protocol/messages.ts';
import type { Store } from '../store/store.ts';
import { computeMetrics } from '../sim/index.ts';
import { clockOf } from './exports.ts';
import { answers, summarise, type HotwashSummary } from './hotwash.ts';
import { objectivesOf, type ObjectiveResult } from './objectives.ts';
import { getPlan, type PlanItem } from './plan.ts';
import type { OutcomeSample } from './replay.ts';
import { METRIC_NAMES, ROLE_NAMES, word, type ReportLang } from './report-words.ts';

export const TEAM_COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2'];

export interface ReportTeam {
  id: string;
  name: string;
  color: string;
  players: { name: string; role: string }[];
  score: number;
  safe: number;
  sheltered: number;
  rescued: number;
  stranded: number;
  exposed: number;
  casualties: number;
  trust: number;
  firstWarning: string | null;
}

export interface ReportModel {
  lang: ReportLang;
  code: string;
  title: string;
  scenarioId: string;
  mode: string;
  status: string;
  date: string;
  playedMinutes: number;
  alert: string;
  tickSeconds: number;
  endTick: number;
  teams: ReportTeam[];
  objectives: (ObjectiveResult & { strengths: string[]; improvements: string[] })[];
  notes: Note[];
  hotwash: HotwashSummary;
  plan: PlanItem[];
  outcomes: Record<string, OutcomeSample[]>;
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

export function buildReport(d: Drill, store: Store, outcomes: Record<string, OutcomeSample[]>, lang: ReportLang): ReportModel {
  const sc = d.scenario;
  const seats = store.listSeats(d.code);
  const rec = store.getDrill(d.code);
  const debrief = d.debrief();
  const teams: ReportTeam[] = sc.teams.map((t, i) => {
    const m = computeMetrics(d.worldOf(t.id));
    const w = d.worldOf(t.id);
    const last = outcomes[t.id]?.at(-1);
    const first = debrief.teams.find((x) => x.id === t.id)?.firstWarningMinute ?? null;
    return {
      id: t.id, name: t.name, color: TEAM_COLORS[i % TEAM_COLORS.length],
      players: seats.filter((s) => s.teamId === t.id).map((s) => ({ name: s.name, role: ROLE_NAMES[s.role]?.[lang] ?? s.role })),
      score: m.score, safe: m.sheltered + m.rescued, sheltered: m.sheltered, rescued: m.rescued, stranded: m.stranded, exposed: m.exposed,
      casualties: m.injured + m.dead, trust: last?.trust ?? w.hoods.reduce((s, h) => s + h.trust, 0) / Math.max(1, w.hoods.length),
      firstWarning: first === null ? null : clockOf(Math.round((first * 60) / sc.tickSeconds), sc.tickSeconds),
    };
  });
  const name = (teamId: string) => teams.find((t) => t.id === teamId)?.name ?? teamId;
  const objectives = objectivesOf(d, store).map((o) => {
    const strengths: string[] = [];
    const improvements: string[] = [];
    for (const t of o.teams) {
      for (const e of t.evidence) {
        if (e.value === null) continue;
        const line = `${name(t.teamId)}: ${METRIC_NAMES[e.metricId]?.[lang] ?? e.metricId} ${pct(e.value)}`;
        if (e.value >= 0.8) strengths.push(line);
        else if (e.value < 0.5) improvements.push(line);
      }
      if (t.rating?.note) (t.rating.rating === 'P' || t.rating.rating === 'S' ? strengths : improvements).push(`${name(t.teamId)} (${t.rating.rating}): ${t.rating.note}`);
    }
    return { ...o, strengths, improvements };
  });
  return {
    lang, code: d.code, title: sc.title[lang], scenarioId: sc.id, mode: word(lang, d.mode === 'joint' ? 'joint' : 'parallel'), status: d.status,
    date: (rec?.createdAt ?? new Date().toISOString()).slice(0, 10), playedMinutes: Math.round((d.tick * sc.tickSeconds) / 60),
    alert: clockOf(sc.officialAlertTick, sc.tickSeconds), tickSeconds: sc.tickSeconds, endTick: d.tick, teams, objectives,
    notes: [...d.notes].sort((a, b) => a.tick - b.tick), hotwash: summarise(answers(store, d.code)), plan: getPlan(store, d.code), outcomes,
  };
}

// ---------- HTML ----------

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A line chart as inline SVG: one series per team. */
export function svgLines(series: { label: string; color: string; points: { x: number; y: number }[] }[], xMax: number, yMax: number, xFmt: (x: number) => string, title: string): string {
  const W = 640, H = 260, L = 52, R = 16, T = 10, B = 34;
  const pw = W - L - R, ph = H - T - B;
  const sx = (x: number) => L + (xMax > 0 ? (x / xMax) * pw : 0);
  const sy = (y: number) => T + ph - (yMax > 0 ? (Math.min(y, yMax) / yMax) * ph : 0);
  let g = '';
  for (let q = 0; q <= 4; q++) {
    const y = sy((yMax * q) / 4);
    g += `<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#e2e8f0"/><text x="${L - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#475569">${Math.round((yMax * q) / 4)}</text>`;
  }
  for (let q = 0; q <= 6; q++) {
    const x = sx((xMax * q) / 6);
    g += `<text x="${x}" y="${H - 12}" text-anchor="middle" font-size="11" fill="#475569">${esc(xFmt((xMax * q) / 6))}</text>`;
  }
  for (const s of series) {
    if (!s.points.length) continue;
    g += `<path d="${s.points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`;
  }
  const legend = series.map((s) => `<span class="lg"><i style="background:${s.color}"></i>${esc(s.label)}</span>`).join('');
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><line x1="${L}" x2="${W - R}" y1="${T + ph}" y2="${T + ph}" stroke="#334155"/><line x1="${L}" x2="${L}" y1="${T}" y2="${T + ph}" stroke="#334155"/>${g}</svg><figcaption>${esc(title)} ${legend}</figcaption></figure>`;
}

export function svgBars(bars: { label: string; value: number; color: string }[], max: number, title: string): string {
  const W = 640, row = 30, L = 120, R = 60;
  const H = bars.length * row + 10;
  const pw = W - L - R;
  const body = bars.map((b, i) => {
    const y = 5 + i * row;
    const w = max > 0 ? Math.max(0.5, Math.min(1, b.value / max) * pw) : 0;
    return `<text x="${L - 8}" y="${y + 19}" text-anchor="end" font-size="12">${esc(b.label)}</text><rect x="${L}" y="${y + 5}" width="${pw}" height="${row - 10}" fill="#f1f5f9"/><rect x="${L}" y="${y + 5}" width="${w.toFixed(1)}" height="${row - 10}" fill="${b.color}"/><text x="${L + pw + 6}" y="${y + 19}" font-size="12">${b.value.toFixed(1)}</text>`;
  }).join('');
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${body}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

export function renderHtml(m: ReportModel): string {
  const L = m.lang;
  const w = (k: Parameters<typeof word>[1], v?: Record<string, string | number>) => esc(word(L, k, v));
  const team = (id: string | null | undefined) => m.teams.find((t) => t.id === id)?.name ?? (id ? id : word(L, 'general'));
  const xMax = Math.max(1, m.endTick);
  const xFmt = (x: number) => clockOf(x, m.tickSeconds);
  const list = (items: string[]) => (items.length ? `<ul>${items.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : `<p class="muted">${w('none')}</p>`);
  const hw = m.hotwash;
  const dist = (d: { mean: number | null; counts: number[] }, label: string) =>
    svgBars(d.counts.map((c, i) => ({ label: `${label} ${i + 1}`, value: c, color: '#0891b2' })), Math.max(1, ...d.counts), `${label} (${w('mean')} ${d.mean ?? '—'})`);
  return `<!doctype html>
<html lang="${L}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w('title')} — ${esc(m.title)} (${esc(m.code)})</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;max-width:900px;margin:24px auto;padding:0 20px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #0f172a;padding-bottom:3px;margin-top:30px}h3{font-size:16px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #cbd5e1;padding:4px 7px;text-align:left;vertical-align:top}th{background:#f1f5f9}
.muted{color:#64748b}.rating{font-weight:700;display:inline-block;min-width:1.6em;text-align:center;border-radius:4px;color:#fff;padding:0 4px}
.r-P{background:#059669}.r-S{background:#2563eb}.r-M{background:#d97706}.r-U{background:#dc2626}.r-none{background:#94a3b8}
figure{margin:10px 0}svg{width:100%;height:auto}figcaption{font-size:12px;color:#475569}.lg{margin-left:10px}.lg i{display:inline-block;width:10px;height:10px;margin-right:4px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}section{break-inside:avoid-page}a{color:inherit}}
</style></head><body>
<header><h1>${w('title')}</h1><p>${esc(m.title)} · ${w('code')} <b>${esc(m.code)}</b> · ${esc(m.date)}</p></header>
<section id="overview"><h2>1. ${w('overview')}</h2><table>
<tr><th>${w('scenario')}</th><td>${esc(m.title)} (${esc(m.scenarioId)})</td></tr>
<tr><th>${w('mode')}</th><td>${esc(m.mode)}</td></tr>
<tr><th>${w('date')}</th><td>${esc(m.date)}</td></tr>
<tr><th>${w('duration')}</th><td>${m.playedMinutes} ${w('minutes')} (${esc(xFmt(m.endTick))})</td></tr>
<tr><th>${w('alert')}</th><td>${esc(m.alert)}</td></tr>
<tr><th>${w('teams')}</th><td>${m.teams.map((t) => `<b>${esc(t.name)}</b>: ${t.players.length ? t.players.map((p) => `${esc(p.name)} (${esc(p.role)})`).join(', ') : w('noPlayers')}`).join('<br>')}</td></tr>
</table></section>
<section id="objectives"><h2>2. ${w('objectives')}</h2><p class="muted">${w('ratingScale')}</p>
${m.objectives.map((o, i) => `<section class="objective"><h3>2.${i + 1} ${esc(o.name[L])}</h3><p>${w('capability')}: <b>${esc(o.capability[L])}</b></p>
<table><tr><th></th><th>${w('suggested')}</th><th>${w('rating')}</th><th>${w('evidence')}</th></tr>
${o.teams.map((t) => `<tr><td>${esc(team(t.teamId))}</td><td>${t.suggested ? `<span class="rating r-${t.suggested}">${t.suggested}</span>` : '—'}</td>
<td>${t.rating ? `<span class="rating r-${t.rating.rating}">${t.rating.rating}</span> ${esc(t.rating.note)} <span class="muted">(${esc(t.rating.by)})</span>` : `<span class="muted">${w('notRated')}</span>`}</td>
<td>${t.evidence.map((e) => `${esc(METRIC_NAMES[e.metricId]?.[L] ?? e.metricId)} ${esc(pct(e.value))}`).join('<br>')}<br><span class="muted">${w('expectations', t.expectations)}</span></td></tr>`).join('')}
</table><div class="cols"><div><b>${w('strengths')}</b>${list(o.strengths)}</div><div><b>${w('improve')}</b>${list(o.improvements)}</div></div></section>`).join('')}
</section>
<section id="comparison"><h2>3. ${w('comparison')}</h2>
<table><tr><th></th><th>${w('score')}</th><th>${w('safe')}</th><th>${w('sheltered')}</th><th>${w('rescued')}</th><th>${w('stranded')}</th><th>${w('casualties')}</th><th>${w('trust')}</th><th>${w('firstWarning')}</th></tr>
${m.teams.map((t) => `<tr><td>${esc(t.name)}</td><td>${t.score.toFixed(1)}</td><td>${t.safe}</td><td>${t.sheltered}</td><td>${t.rescued}</td><td>${t.stranded}</td><td>${t.casualties}</td><td>${pct(t.trust)}</td><td>${esc(t.firstWarning ?? '—')}</td></tr>`).join('')}
</table>
${svgBars(m.teams.map((t) => ({ label: t.name, value: t.score, color: t.color })), 100, word(L, 'scores'))}
${svgLines(m.teams.map((t) => ({ label: t.name, color: t.color, points: (m.outcomes[t.id] ?? []).map((s) => ({ x: s.tick, y: s.safe })) })), xMax,
    Math.max(10, ...m.teams.flatMap((t) => (m.outcomes[t.id] ?? []).map((s) => s.safe))), xFmt, word(L, 'safeOverTime'))}
</section>
<section id="observations"><h2>4. ${w('observations')}</h2>
${m.notes.length ? `<table><tr><th>H+</th><th></th><th>HSEEP</th><th></th></tr>${m.notes.map((n) => `<tr><td>${esc(xFmt(n.tick))}</td><td>${esc(team(n.teamId))}</td><td>${n.rating ? `<span class="rating r-${n.rating}">${n.rating}</span>` : ''}</td><td>${esc(n.text)} <span class="muted">— ${esc(n.by)}</span></td></tr>`).join('')}</table>` : `<p class="muted">${w('noObservations')}</p>`}
</section>
<section id="hotwash"><h2>5. ${w('hotwash')}</h2>
${hw.count ? `<p>${hw.count} ${w('answers')} · ${w('realism')} ${w('mean')} <b>${hw.realism.mean}</b> / 5 · ${w('usefulness')} ${w('mean')} <b>${hw.usefulness.mean}</b> / 5</p>
<div class="cols"><div>${dist(hw.realism, word(L, 'realism'))}</div><div>${dist(hw.usefulness, word(L, 'usefulness'))}</div></div>
<div class="cols"><div><b>${w('hwStrengths')}</b>${list(hw.strengths.map((s) => `${s.text} (${team(s.teamId)})`))}</div><div><b>${w('hwImprove')}</b>${list(hw.improvements.map((s) => `${s.text} (${team(s.teamId)})`))}</div></div>
<b>${w('comments')}</b>${list(hw.comments.map((s) => `${s.text} — ${s.name}`))}` : `<p class="muted">${w('noAnswers')}</p>`}
</section>
<section id="plan"><h2>6. ${w('plan')}</h2>
${m.plan.length ? `<table><tr><th>${w('objective')}</th><th>${w('action')}</th><th>${w('owner')}</th><th>${w('due')}</th><th>${w('priority')}</th></tr>${m.plan.map((p) => `<tr><td>${esc(m.objectives.find((o) => o.id === p.objectiveId)?.name[L] ?? '—')}</td><td>${esc(p.action)}</td><td>${esc(p.owner)}</td><td>${esc(p.due || '—')}</td><td>${w(p.priority)}</td></tr>`).join('')}</table>` : `<p class="muted">${w('noPlan')}</p>`}
</section>
<footer class="muted"><p>${w('generated')} · ${esc(new Date().toISOString().slice(0, 16).replace('T', ' '))} UTC</p></footer>
</body></html>`;
}
