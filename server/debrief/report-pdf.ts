// The AAR/IP as PDF (pdfkit): the same model and sections as the HTML report, charts drawn as vector paths.
import PDFDocument from 'pdfkit';
import { clockOf } from './exports.ts';
import type { ReportModel } from './report.ts';
import { METRIC_NAMES, word, type ReportWord } from './report-words.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** The standard PDF fonts cover WinAnsi only: spell out the few signs outside it. */
const clean = (s: unknown) => String(s ?? '').replace(/≥/g, '>=').replace(/≤/g, '<=').replace(/−/g, '-').replace(/÷/g, '/').replace(/[^\n\x20-\x7e\u00a0-\u00ff–—‘’“”•…€]/g, '?');
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

export function renderPdf(m: ReportModel): Promise<Buffer> {
  const L = m.lang;
  const w = (k: ReportWord, v?: Record<string, string | number>) => clean(word(L, k, v));
  const doc: Doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 60, left: 50, right: 50 }, bufferPages: true, info: { Title: `${word(L, 'title')} — ${m.title} (${m.code})`, Author: 'Gladi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const need = (h: number) => { if (doc.y + h > bottom()) doc.addPage(); };
  const team = (id: string | null | undefined) => m.teams.find((t) => t.id === id)?.name ?? (id ? id : word(L, 'general'));
  const xFmt = (x: number) => clockOf(x, m.tickSeconds);

  const h1 = (s: string) => { doc.font('Helvetica-Bold').fontSize(18).fillColor('#0f172a').text(clean(s), left, doc.y, { width }); doc.moveDown(0.3); };
  const h2 = (s: string) => {
    need(60);
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(14).fillColor('#0f172a').text(clean(s), left, doc.y, { width });
    doc.moveTo(left, doc.y + 1).lineTo(left + width, doc.y + 1).lineWidth(1.2).strokeColor('#0f172a').stroke();
    doc.moveDown(0.4);
  };
  const h3 = (s: string) => { need(40); doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11.5).fillColor('#0f172a').text(clean(s), left, doc.y, { width }); doc.moveDown(0.2); };
  const para = (s: string, opts: { muted?: boolean; bold?: boolean; size?: number } = {}) => {
    doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(opts.size ?? 10).fillColor(opts.muted ? '#64748b' : '#0f172a').text(clean(s), left, doc.y, { width });
  };
  const bullets = (items: string[]) => {
    if (!items.length) { para('—', { muted: true }); return; }
    for (const s of items) { need(14); para(`•  ${s}`); }
  };

  /** A table with wrapped cells; widths are fractions of the text width. */
  const table = (head: string[], rows: string[][], fr: number[]) => {
    const ws = fr.map((f) => f * width);
    const draw = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const hgt = Math.max(...cells.map((c, i) => doc.heightOfString(clean(c), { width: ws[i] - 8 }))) + 6;
      if (doc.y + hgt > bottom()) doc.addPage();
      const y = doc.y;
      let x = left;
      if (bold) doc.rect(left, y, width, hgt).fill('#f1f5f9');
      cells.forEach((c, i) => {
        doc.rect(x, y, ws[i], hgt).lineWidth(0.5).strokeColor('#cbd5e1').stroke();
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('#0f172a').text(clean(c), x + 4, y + 3, { width: ws[i] - 8 });
        x += ws[i];
      });
      doc.x = left;
      doc.y = y + hgt;
    };
    // Keep the head with at least the first row.
    need(60);
    draw(head, true);
    for (const r of rows) draw(r, false);
    doc.moveDown(0.4);
  };

  /** Vector line chart: one path per team. */
  const lineChart = (title: string, series: { label: string; color: string; points: { x: number; y: number }[] }[], xMax: number, yMax: number) => {
    const H = 180, Lm = 40, B = 22;
    need(H + 40);
    const top = doc.y + 4, pw = width - Lm - 10, ph = H - B;
    const sx = (x: number) => left + Lm + (xMax > 0 ? (x / xMax) * pw : 0);
    const sy = (y: number) => top + ph - (yMax > 0 ? (Math.min(y, yMax) / yMax) * ph : 0);
    doc.font('Helvetica').fontSize(7.5).fillColor('#475569');
    for (let q = 0; q <= 4; q++) {
      const yv = (yMax * q) / 4;
      doc.moveTo(left + Lm, sy(yv)).lineTo(left + Lm + pw, sy(yv)).lineWidth(0.4).strokeColor('#e2e8f0').stroke();
      doc.fillColor('#475569').text(String(Math.round(yv)), left, sy(yv) - 4, { width: Lm - 4, align: 'right' });
    }
    for (let q = 0; q <= 6; q++) {
      const xv = (xMax * q) / 6;
      doc.fillColor('#475569').text(clean(xFmt(xv)), sx(xv) - 20, top + ph + 5, { width: 40, align: 'center' });
    }
    doc.moveTo(left + Lm, top).lineTo(left + Lm, top + ph).lineTo(left + Lm + pw, top + ph).lineWidth(0.8).strokeColor('#334155').stroke();
    for (const s of series) {
      if (!s.points.length) continue;
      s.points.forEach((p, i) => (i ? doc.lineTo(sx(p.x), sy(p.y)) : doc.moveTo(sx(p.x), sy(p.y))));
      doc.lineWidth(1.8).strokeColor(s.color).stroke();
    }
    doc.y = top + H;
    let x = left + Lm;
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor('#0f172a').text(clean(title), left, doc.y, { width });
    const ly = doc.y + 2;
    for (const s of series) {
      doc.rect(x, ly + 1, 8, 8).fill(s.color);
      doc.font('Helvetica').fontSize(8.5).fillColor('#0f172a').text(clean(s.label), x + 11, ly, { lineBreak: false });
      x += 16 + doc.widthOfString(clean(s.label)) + 10;
    }
    doc.x = left;
    doc.y = ly + 16;
  };

  /** Vector horizontal bar chart. */
  const barChart = (title: string, bars: { label: string; value: number; color: string; text?: string }[], max: number) => {
    const row = 18, Lm = 90;
    need(bars.length * row + 30);
    const top = doc.y + 2, pw = width - Lm - 50;
    bars.forEach((b, i) => {
      const y = top + i * row;
      doc.font('Helvetica').fontSize(8.5).fillColor('#0f172a').text(clean(b.label), left, y + 4, { width: Lm - 6, align: 'right' });
      doc.rect(left + Lm, y + 3, pw, row - 6).fill('#f1f5f9');
      const bw = max > 0 ? Math.max(0.5, Math.min(1, b.value / max) * pw) : 0;
      doc.rect(left + Lm, y + 3, bw, row - 6).fill(b.color);
      doc.font('Helvetica').fontSize(8.5).fillColor('#0f172a').text(clean(b.text ?? b.value.toFixed(1)), left + Lm + pw + 5, y + 4, { lineBreak: false });
    });
    doc.x = left;
    doc.y = top + bars.length * row + 2;
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor('#0f172a').text(clean(title), left, doc.y, { width });
    doc.moveDown(0.5);
  };

  // ---- the report ----
  h1(word(L, 'title'));
  para(`${m.title} · ${word(L, 'code')} ${m.code} · ${m.date}`, { muted: true });

  h2(`1. ${word(L, 'overview')}`);
  table(['', ''], [
    [w('scenario'), `${m.title} (${m.scenarioId})`], [w('mode'), m.mode], [w('date'), m.date],
    [w('duration'), `${m.playedMinutes} ${word(L, 'minutes')} (${xFmt(m.endTick)})`], [w('alert'), m.alert],
    ...m.teams.map((t) => [t.name, t.players.length ? t.players.map((p) => `${p.name} (${p.role})`).join(', ') : word(L, 'noPlayers')]),
  ], [0.28, 0.72]);

  h2(`2. ${word(L, 'objectives')}`);
  para(word(L, 'ratingScale'), { muted: true, size: 9 });
  m.objectives.forEach((o, i) => {
    h3(`2.${i + 1} ${o.name[L]}`);
    para(`${word(L, 'capability')}: ${o.capability[L]}`, { size: 9.5 });
    doc.moveDown(0.2);
    table([' ', w('suggested'), w('rating'), w('evidence')], o.teams.map((t) => [
      team(t.teamId), t.suggested ?? '—',
      t.rating ? `${t.rating.rating} — ${t.rating.note} (${t.rating.by})` : word(L, 'notRated'),
      `${t.evidence.map((e) => `${METRIC_NAMES[e.metricId]?.[L] ?? e.metricId} ${pct(e.value)}`).join('; ')}\n${word(L, 'expectations', t.expectations)}`,
    ]), [0.14, 0.12, 0.28, 0.46]);
    // Rating chips next to the table are words already; the colour key is the HSEEP scale above.
    para(word(L, 'strengths'), { bold: true, size: 9.5 });
    bullets(o.strengths);
    para(word(L, 'improve'), { bold: true, size: 9.5 });
    bullets(o.improvements);
  });

  h2(`3. ${word(L, 'comparison')}`);
  table([' ', w('score'), w('safe'), w('stranded'), w('casualties'), w('trust'), w('firstWarning')],
    m.teams.map((t) => [t.name, t.score.toFixed(1), String(t.safe), String(t.stranded), String(t.casualties), pct(t.trust), t.firstWarning ?? '—']),
    [0.2, 0.1, 0.13, 0.13, 0.13, 0.13, 0.18]);
  barChart(word(L, 'scores'), m.teams.map((t) => ({ label: t.name, value: t.score, color: t.color })), 100);
  lineChart(word(L, 'safeOverTime'), m.teams.map((t) => ({ label: t.name, color: t.color, points: (m.outcomes[t.id] ?? []).map((s) => ({ x: s.tick, y: s.safe })) })),
    Math.max(1, m.endTick), Math.max(10, ...m.teams.flatMap((t) => (m.outcomes[t.id] ?? []).map((s) => s.safe))));

  h2(`4. ${word(L, 'observations')}`);
  if (m.notes.length) table(['H+', ' ', 'HSEEP', ' '], m.notes.map((n) => [xFmt(n.tick), team(n.teamId), n.rating ?? '', `${n.text} — ${n.by}`]), [0.12, 0.16, 0.1, 0.62]);
  else para(word(L, 'noObservations'), { muted: true });

  h2(`5. ${word(L, 'hotwash')}`);
  const hw = m.hotwash;
  if (hw.count) {
    para(`${hw.count} ${word(L, 'answers')} · ${word(L, 'realism')} ${word(L, 'mean')} ${hw.realism.mean} / 5 · ${word(L, 'usefulness')} ${word(L, 'mean')} ${hw.usefulness.mean} / 5`);
    doc.moveDown(0.3);
    barChart(word(L, 'realism'), hw.realism.counts.map((c, i) => ({ label: `${i + 1}`, value: c, color: '#0891b2', text: String(c) })), Math.max(1, ...hw.realism.counts));
    barChart(word(L, 'usefulness'), hw.usefulness.counts.map((c, i) => ({ label: `${i + 1}`, value: c, color: '#7c3aed', text: String(c) })), Math.max(1, ...hw.usefulness.counts));
    para(word(L, 'hwStrengths'), { bold: true, size: 9.5 });
    bullets(hw.strengths.map((s) => `${s.text} (${team(s.teamId)})`));
    para(word(L, 'hwImprove'), { bold: true, size: 9.5 });
    bullets(hw.improvements.map((s) => `${s.text} (${team(s.teamId)})`));
    para(word(L, 'comments'), { bold: true, size: 9.5 });
    bullets(hw.comments.map((s) => `${s.text} — ${s.name}`));
  } else para(word(L, 'noAnswers'), { muted: true });

  h2(`6. ${word(L, 'plan')}`);
  if (m.plan.length) {
    table([w('objective'), w('action'), w('owner'), w('due'), w('priority')], m.plan.map((p) => [
      m.objectives.find((o) => o.id === p.objectiveId)?.name[L] ?? '—', p.action, p.owner, p.due || '—', word(L, p.priority),
    ]), [0.22, 0.38, 0.16, 0.12, 0.12]);
  } else para(word(L, 'noPlan'), { muted: true });

  // Footer on every page: report, drill code, page n / N.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift the margin for this line, or pdfkit would start a new page for it.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    doc.font('Helvetica').fontSize(8).fillColor('#64748b')
      .text(clean(`${word(L, 'generated')} · ${m.code} · ${word(L, 'page')} ${i + 1} / ${range.count}`), left, y, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
