// The scenario editor (#/editor, facilitator key): open a built-in scenario, a saved version, a zip or GIS files;
// draw and move places on the map, paint land use, inspect cells; edit hazards, people, teams and weights; the MSEL
// as a table and a timeline; live checking; save as a version; export a zip; "Coba jalankan" (dry run).
import './editor.css';
import type { EditorModel } from '../../server/authoring/editor-model.ts';
import type { RenderedDiagnostic } from '../../server/scenario/diagnostic.ts';
import type { MselRecord } from '../../server/scenario/msel-rows.ts';
import { lang, pick, t, type MessageKey } from '../i18n/index.ts';
import { sessionStore } from '../net/connection.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { EditorMap, type Hood, type LandClass, type NgoRow, type ScenarioData, type Selection, type Tool } from './editor-map.ts';
import { acceptedKinds, pickIntoAction, pickIntoEffect, type Picked } from './editor-pick.ts';
import type { Page } from './page.ts';

type Both = { id: RenderedDiagnostic; en: RenderedDiagnostic };
interface CheckReport { id: string | null; ok: boolean; errors: number; warnings: number; infos: number; diagnostics: Both[] }
interface DryRow { no: number; time: string; condition: string | null; to: string; recipients: string[]; fired: { teamId: string; minute: number | null; deliveries: number }[]; effect: string | null }
interface DryReport { rows: DryRow[]; neverFired: number[]; badRows: { row: number; no: string; messages: string[] }[]; depth: { every: number; minutes: number[]; places: { kind: string; id: string; depth: number[] }[] }; seaLevel: number[]; ms: number; minutes: number }

const ROLES = ['commander', 'logistics', 'communications', 'health', 'shelter', 'ngo_liaison'];
const METHODS = ['phone', 'radio', 'whatsapp', 'email', 'news', 'social'];
const METRICS = ['residentsSafe', 'timeToWarning', 'lifeSafety', 'warningReach', 'evacuation90', 'vulnerableParity', 'shelterSpace', 'wash', 'shelterHealth', 'coordination', 'commandTempo', 'publicTrust', 'sitrepAccuracy'];
const TOOLS: [Tool, MessageKey][] = [['select', 'ed.tool.select'], ['hood', 'ed.tool.hood'], ['shelter', 'ed.tool.shelter'], ['unit', 'ed.tool.unit'], ['embankment', 'ed.tool.embankment'], ['bridge', 'ed.tool.bridge'], ['closure', 'ed.tool.closure'], ['paint', 'ed.tool.paint'], ['inspect', 'ed.tool.inspect']];
type Tab = 'check' | 'places' | 'hazards' | 'people' | 'msel' | 'versions' | 'dry';
const TABS: [Tab, MessageKey][] = [['check', 'ed.tab.check'], ['places', 'ed.tab.places'], ['hazards', 'ed.tab.hazards'], ['people', 'ed.tab.people'], ['msel', 'ed.tab.msel'], ['versions', 'ed.tab.versions'], ['dry', 'ed.tab.dry']];

const minutesOf = (time: string | undefined): number | null => {
  const s = (time ?? '').trim().toUpperCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(?:D\+(\d+)\s*)?H\+(\d+)(?::([0-5]\d))?$/.exec(s);
  return m ? (m[1] ? Number(m[1]) * 1440 : 0) + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0) : null;
};
const hhmm = (m: number) => `H+${Math.floor(m / 60)}:${String(Math.round(m % 60)).padStart(2, '0')}`;
const b64 = async (f: File) => { const bytes = new Uint8Array(await f.arrayBuffer()); let s = ''; for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000)); return btoa(s); };

/** The draft survives the page being rebuilt (the language switch re-renders the route) within this tab. */
let kept: { model: EditorModel; check: CheckReport | null; dirty: boolean } | null = null;

export function editorPage(): Page {
  let model: EditorModel | null = null;
  let tab: Tab = 'check';
  let selection: Selection | null = null;
  let lastCheck: CheckReport | null = null;
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;

  const keyInput = h('input', { type: 'password', 'data-testid': 'editor-key', placeholder: t('home.fac.key'), value: sessionStore.get('gladi.fac.key') ?? '' });
  const status = h('p.editor-status', { role: 'status', 'data-testid': 'editor-status' });
  const say = (key: MessageKey, params?: Record<string, string | number>) => { status.textContent = t(key, params); };
  const api = async <T>(path: string, body?: unknown, raw?: Blob): Promise<{ ok: boolean; status: number; body: T }> => {
    const key = keyInput.value.trim();
    sessionStore.set('gladi.fac.key', key);
    try {
      const res = await fetch(`/api/editor${path}`, {
        method: body === undefined && !raw ? 'GET' : 'POST',
        headers: { 'x-gladi-key': key, ...(raw ? { 'content-type': 'application/zip' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
      });
      const type = res.headers.get('content-type') ?? '';
      return { ok: res.ok, status: res.status, body: (type.includes('json') ? await res.json() : await res.blob()) as T };
    } catch {
      return { ok: false, status: 0, body: {} as T };
    }
  };
  const apiError = (r: { status: number; body: unknown }) => {
    const e = (r.body as { error?: { code?: string; message?: string; text?: { id: string; en: string }; fix?: { id: string; en: string } } }).error;
    if (r.status === 403) return t('err.bad_key.key');
    if (e?.text) return `${e.text[lang()]}${e.fix ? ` → ${e.fix[lang()]}` : ''}`;
    return e?.message ?? t('error.network');
  };

  // ---------- open ----------
  const openSelect = h('select', { 'data-testid': 'editor-open-select' }, option('', t('ed.open.choose')));
  const loadList = async () => {
    const r = await api<{ folders: { id: string; title: { id: string; en: string } }[]; versions: { scenarioId: string; version: number; note: string; createdAt: string; drills: string[] }[] }>('/scenarios');
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return null; }
    setChildren(openSelect, option('', t('ed.open.choose')),
      ...r.body.folders.map((f) => option(`folder:${f.id}`, `${pick(f.title)} (${f.id})`)),
      ...r.body.versions.map((v) => option(`version:${v.scenarioId}:${v.version}`, t('ed.open.version', { id: v.scenarioId, version: v.version, note: v.note || '–' }))));
    return r.body;
  };
  const openBtn = h('button', { type: 'button', 'data-testid': 'editor-open' }, t('ed.open'));
  openBtn.addEventListener('click', async () => {
    const [kind, id, version] = openSelect.value.split(':');
    if (!kind) { await loadList(); return; }
    const r = await api<{ model: EditorModel; check: CheckReport }>(`/scenario/${encodeURIComponent(id)}${kind === 'version' ? `?version=${version}` : ''}`);
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    setModel(r.body.model, r.body.check);
    say('ed.opened', { id });
  });
  const zipInput = h('input', { type: 'file', accept: '.zip,application/zip', 'data-testid': 'editor-zip-input', hidden: true });
  const zipBtn = h('button', { type: 'button' }, t('ed.importZip'));
  zipBtn.addEventListener('click', () => zipInput.click());
  zipInput.addEventListener('change', async () => {
    const f = zipInput.files?.[0];
    if (!f) return;
    const r = await api<{ model: EditorModel; check: CheckReport }>('/import-zip', undefined, f);
    zipInput.value = '';
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    setModel(r.body.model, r.body.check);
    say('ed.opened', { id: f.name });
  });

  // ---------- GIS ----------
  const gisDem = h('input', { type: 'file', accept: '.tif,.tiff,.asc', 'data-testid': 'gis-dem' });
  const gisLand = h('input', { type: 'file', accept: '.geojson,.json,.tif,.tiff' });
  const gisFeat = h('input', { type: 'file', accept: '.geojson,.json' });
  const gisCell = h('input', { type: 'number', value: '20', min: '5', max: '200' });
  const gisCrs = h('input', { placeholder: 'EPSG:32747' });
  const gisId = h('input', { placeholder: 'kota-saya', value: 'kota-baru' });
  const gisGo = h('button.primary', { type: 'button' }, t('ed.gis.go'));
  const gisProgress = h('progress', { hidden: true, max: '1', value: '0', 'data-testid': 'gis-progress' });
  const gisNotes = h('ul.editor-notes');
  const gisBox = h('details.editor-gis', h('summary', t('ed.gis.title')), h('p.help', t('ed.gis.help')),
    h('div.editor-grid2',
      h('label', t('ed.gis.dem'), gisDem), h('label', t('ed.gis.landuse'), gisLand), h('label', t('ed.gis.features'), gisFeat),
      h('label', t('ed.gis.cell'), gisCell), h('label', t('ed.gis.crs'), gisCrs), h('label', t('ed.gis.id'), gisId)),
    h('div.actions', gisGo, gisProgress));
  gisGo.addEventListener('click', async () => {
    const dem = gisDem.files?.[0];
    if (!dem) { say('ed.gis.needDem'); return; }
    gisGo.disabled = true; gisProgress.hidden = false; say('ed.gis.working');
    const file = async (f: File | undefined) => (f ? { name: f.name, b64: await b64(f) } : undefined);
    type GisResult = { model: EditorModel; check: CheckReport; report: { notes: { id: string; en: string }[]; width: number; height: number; cell: number; crs: string } };
    const started = await api<{ job: string }>('/gis?job=1', {
      dem: await file(dem), landuse: await file(gisLand.files?.[0]), features: await file(gisFeat.files?.[0]), cell: Number(gisCell.value), crs: gisCrs.value.trim(), id: gisId.value.trim(),
    });
    let r: { ok: boolean; status: number; body: GisResult } = { ok: false, status: started.status, body: started.body as unknown as GisResult };
    if (started.ok) {
      // Poll the job: its stage and share done show as the import runs (reprojecting, resampling, filling the sea…).
      for (;;) {
        await new Promise((ok) => setTimeout(ok, 300));
        const j = await api<{ stage: { id: string; en: string }; done: number; result?: GisResult; error?: { message: string; text?: { id: string; en: string }; fix?: { id: string; en: string } } }>(`/gis/${started.body.job}`);
        if (!j.ok) { r = { ok: false, status: j.status, body: j.body as unknown as GisResult }; break; }
        gisProgress.value = j.body.done;
        status.textContent = `${t('ed.gis.working')} ${j.body.stage[lang()]} (${Math.round(j.body.done * 100)} %)`;
        if (j.body.result) { r = { ok: true, status: 200, body: j.body.result }; break; }
        if (j.body.error) { r = { ok: false, status: 400, body: { error: j.body.error } as unknown as GisResult }; break; }
      }
    }
    gisGo.disabled = false; gisProgress.hidden = true;
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    setChildren(gisNotes, h('li', t('ed.gis.done', { w: r.body.report.width, h: r.body.report.height, cell: r.body.report.cell, crs: r.body.report.crs })), r.body.report.notes.map((n) => h('li', n[lang()])));
    gisBox.open = false; // the map needs the room now; the notes stay below the summary
    setModel(r.body.model, r.body.check);
  });

  // ---------- map and tools ----------
  const inspectBox = h('p.editor-inspect', { 'data-testid': 'editor-inspect' });
  const map = new EditorMap({
    changed: () => { dirty = true; scheduleCheck(); renderTab(); },
    select: (s) => { selection = s; if (s) { tab = 'places'; renderTabs(); } renderTab(); },
    inspect: (i) => {
      inspectBox.textContent = t('ed.inspect', { x: i.x, y: i.y, z: i.elevation === null ? '–' : i.elevation.toFixed(2), use: i.landUse ? `${i.landUse.name} (${i.landUse.code})` : '?', hoods: i.hoods.join(', ') || '–', things: i.things.join(', ') || '–' });
    },
    closure: (rect) => {
      if (!model) return;
      const no = Math.max(0, ...model.msel.map((r) => Number(r.no) || 0)) + 1;
      model.msel.push({ no: String(no), time: 'H+1:00', method: 'radio', from: 'Polres', to: 'all', message_id: t('ed.closure.message'), effect: `road_closed(${rect.join(',')})` });
      dirty = true; scheduleCheck(); tab = 'msel'; renderTabs(); renderTab(); map.draw();
    },
  });
  const toolBar = h('div.editor-tools', { role: 'toolbar' });
  const paintSelect = h('select', { 'data-testid': 'editor-paint-class' });
  const brush = h('select', {}, option('1', '1×1'), option('2', '3×3'), option('3', '5×5'));
  const finishBtn = h('button', { type: 'button', 'data-testid': 'editor-finish' }, t('ed.finish'));
  const layerSelect = h('select', {}, option('landuse', t('ed.layer.landuse')), option('elevation', t('ed.layer.elevation')));
  finishBtn.addEventListener('click', () => map.finishDraft());
  paintSelect.addEventListener('change', () => { map.paintCode = Number(paintSelect.value); });
  brush.addEventListener('change', () => { map.brush = Number(brush.value); });
  layerSelect.addEventListener('change', () => { map.layer = layerSelect.value as 'landuse'; map.rebuildBase(); map.draw(); });
  const renderTools = () => {
    setChildren(toolBar, TOOLS.map(([tool, key]) => {
      const b = h('button', { type: 'button', 'data-tool': tool, 'aria-pressed': String(map.tool === tool), class: map.tool === tool ? 'active' : '' }, t(key));
      b.addEventListener('click', () => { map.cancelDraft(); map.tool = tool; renderTools(); say(`ed.help.${tool}` as MessageKey); });
      return b;
    }), finishBtn, h('span.editor-sep'), h('label.inline', t('ed.paint'), paintSelect), h('label.inline', t('ed.brush'), brush), h('label.inline', t('ed.layer'), layerSelect));
  };
  renderTools();

  // ---------- checking ----------
  const checkBadge = h('span.chip', { 'data-testid': 'editor-check-badge' });
  const showCheck = (c: CheckReport) => {
    lastCheck = c;
    checkBadge.textContent = t('ed.check.badge', { errors: c.errors, warnings: c.warnings });
    checkBadge.className = `chip ${c.errors ? 'risk-poor' : c.warnings ? 'risk-fair' : 'risk-good'}`;
    if (tab === 'check') renderTab();
  };
  const scheduleCheck = () => {
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = setTimeout(async () => {
      if (!model) return;
      const r = await api<CheckReport>('/check', { model });
      if (r.ok) showCheck(r.body);
    }, 500);
  };

  // ---------- save / export / dry run ----------
  const noteInput = h('input', { placeholder: t('ed.save.note'), 'data-testid': 'editor-note' });
  const saveBtn = h('button.primary', { type: 'button', 'data-testid': 'editor-save' }, t('ed.save'));
  saveBtn.addEventListener('click', async () => {
    if (!model) return;
    const r = await api<{ id: string; version: number; errors: number; diagnostics: Both[] } & CheckReport>('/save', { model, note: noteInput.value });
    if (r.status === 422) { showCheck({ ...(r.body as CheckReport), ok: false }); tab = 'check'; renderTabs(); renderTab(); say('ed.save.refused', { n: r.body.errors }); return; }
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    dirty = false;
    say('ed.save.done', { id: r.body.id, version: r.body.version });
    await loadList();
    if (tab === 'versions') renderTab();
  });
  const exportBtn = h('button', { type: 'button', 'data-testid': 'editor-export' }, t('ed.export'));
  exportBtn.addEventListener('click', async () => {
    if (!model) return;
    const r = await api<Blob>('/export', { model });
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    const a = h('a', { href: URL.createObjectURL(r.body), download: `${(model.scenario as ScenarioData).id || 'skenario'}.zip` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  });
  const dryBtn = h('button', { type: 'button', 'data-testid': 'editor-dry-run' }, t('ed.dry'));
  let dry: DryReport | null = null;
  dryBtn.addEventListener('click', async () => {
    if (!model) return;
    dryBtn.disabled = true; say('ed.dry.working');
    const r = await api<DryReport>('/dry-run', { model, lang: lang() });
    dryBtn.disabled = false;
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    dry = r.body; tab = 'dry'; renderTabs(); renderTab();
    say('ed.dry.done', { ms: r.body.ms, never: r.body.neverFired.length });
  });

  // ---------- tabs ----------
  const tabBar = h('div.editor-tabs', { role: 'tablist' });
  const panel = h('div.editor-panel', { 'data-testid': 'editor-panel' });
  const renderTabs = () => setChildren(tabBar, TABS.map(([k, key]) => {
    const b = h('button.tab', { type: 'button', role: 'tab', 'aria-selected': String(tab === k), class: tab === k ? 'active' : '', 'data-tab': k }, t(key));
    b.addEventListener('click', () => { tab = k; renderTabs(); renderTab(); });
    return b;
  }));

  const changed = () => { dirty = true; scheduleCheck(); map.draw(); };
  /** A labelled input bound to obj[key] (numbers stay numbers). */
  const field = (label: string, obj: Record<string, unknown>, key: string, kind: 'text' | 'number' | 'check' = 'text', onChange?: () => void) => {
    const v = obj[key];
    const input = kind === 'check' ? h('input', { type: 'checkbox' }) : h('input', { type: kind, value: v === undefined || v === null ? '' : String(v), step: 'any' });
    if (kind === 'check') input.checked = v !== false && v !== undefined ? Boolean(v) : false;
    input.addEventListener('change', () => {
      if (kind === 'check') obj[key] = input.checked;
      else if (kind === 'number') { if (input.value === '') delete obj[key]; else obj[key] = Number(input.value); }
      else obj[key] = input.value;
      changed(); onChange?.();
    });
    return h('label.editor-field', h('span', label), input);
  };
  const removeBtn = (f: () => void) => { const b = h('button.danger.small', { type: 'button' }, t('ed.remove')); b.addEventListener('click', () => { f(); changed(); renderTab(); }); return b; };

  const renderCheck = () => {
    if (!lastCheck) return [h('p.muted', t('ed.check.none'))];
    const l = lang();
    const order = { error: 0, warning: 1, info: 2 } as const;
    const list = [...lastCheck.diagnostics].sort((a, b) => order[a[l].level] - order[b[l].level]);
    return [h('p', t('ed.check.summary', { errors: lastCheck.errors, warnings: lastCheck.warnings, infos: lastCheck.infos })),
      h('ul.editor-diags', { 'data-testid': 'editor-diagnostics' }, list.map((d) => h(`li.diag-${d[l].level}`,
        h('strong', `${d[l].level === 'error' ? t('ed.level.error') : d[l].level === 'warning' ? t('ed.level.warning') : t('ed.level.info')} `),
        h('span.mono', `${d[l].file}${d[l].row ? ` #${d[l].row}` : d[l].line ? `:${d[l].line}` : ''}${d[l].field ? ` ${d[l].field}` : ''}`), ' ', d[l].message,
        d[l].fix ? h('div.muted', '→ ' + d[l].fix) : null)))];
  };

  const renderPlaces = () => {
    const d = model!.scenario as ScenarioData;
    const sel = (kind: string, id: string) => selection?.kind === kind && selection.id === id;
    const section = (title: MessageKey, items: HTMLElement[]) => h('section', h('h3', t(title)), items.length ? items : h('p.muted', t('ed.none')));
    return [
      h('p.help', t('ed.places.help')),
      section('ed.hoods', (d.neighbourhoods ?? []).map((n: Hood) => h(`div.editor-item${sel('hood', n.id) ? '.selected' : ''}`, { 'data-id': n.id },
        field('id', n, 'id'), field(t('ed.name'), n, 'name'), field(t('ed.households'), n, 'households', 'number'), field(t('ed.householdSize'), n, 'householdSize', 'number'),
        field(t('ed.vulnerable'), n, 'vulnerableShare', 'number'), field(t('ed.trust'), n, 'trust', 'number'), field(t('ed.vehicle'), n, 'vehicleShare', 'number'), field(t('ed.volunteers'), n, 'volunteers', 'number'),
        removeBtn(() => { d.neighbourhoods = d.neighbourhoods.filter((x) => x !== n); })))),
      section('ed.shelters', (d.shelters ?? []).map((s) => h(`div.editor-item${sel('shelter', s.id) ? '.selected' : ''}`, { 'data-id': s.id },
        field('id', s, 'id'), field(t('ed.name'), s, 'name'), field('x', s, 'x', 'number'), field('y', s, 'y', 'number'), field(t('ed.floorArea'), s, 'floorArea', 'number'), field(t('ed.openAtStart'), s, 'open', 'check'), field(t('ed.vertical'), s, 'vertical', 'check'),
        removeBtn(() => { d.shelters = d.shelters.filter((x) => x !== s); })))),
      section('ed.units', (d.ngos ?? []).flatMap((ngo: NgoRow) => ngo.units.map((u) => {
        const kind = h('select', {}, ['boat', 'truck', 'medical', 'kitchen'].map((k) => option(k, t(`ed.kind.${k}` as MessageKey), u.kind === k)));
        kind.addEventListener('change', () => { u.kind = kind.value; changed(); });
        return h(`div.editor-item${sel('unit', u.id) ? '.selected' : ''}`, { 'data-id': u.id }, h('span.chip', ngo.name), field('id', u as unknown as Record<string, unknown>, 'id'), h('label.editor-field', h('span', t('ed.kind')), kind),
          field('x', u as unknown as Record<string, unknown>, 'x', 'number'), field('y', u as unknown as Record<string, unknown>, 'y', 'number'), field(t('ed.capacity'), u as unknown as Record<string, unknown>, 'capacity', 'number'),
          removeBtn(() => { ngo.units = ngo.units.filter((x) => x !== u); }));
      }))),
      section('ed.embankments', (d.embankments ?? []).map((e) => h(`div.editor-item${sel('embankment', e.id) ? '.selected' : ''}`, field('id', e, 'id'), field(t('ed.name'), e, 'name'), field(t('ed.crest'), e, 'crest', 'number'),
        removeBtn(() => { d.embankments = d.embankments.filter((x) => x !== e); })))),
    ];
  };

  /** An editable series (minute → value) as a table and a small line chart. */
  const seriesEditor = (title: string, points: Record<string, number>[], valueKey: string, unit: string) => {
    const chart = h('div.editor-chart');
    const draw = () => {
      const W = 320, H = 110, pts = [...points].sort((a, b) => a.minute - b.minute);
      if (!pts.length) { chart.innerHTML = ''; return; }
      const maxT = Math.max(1, ...pts.map((p) => p.minute)), lo = Math.min(0, ...pts.map((p) => p[valueKey])), hi = Math.max(0.1, ...pts.map((p) => p[valueKey]));
      const xy = (p: Record<string, number>) => `${(p.minute / maxT) * (W - 30) + 25},${H - 15 - ((p[valueKey] - lo) / (hi - lo)) * (H - 25)}`;
      chart.innerHTML = `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${title}"><polyline fill="none" stroke="#1d6fa5" stroke-width="2" points="${pts.map(xy).join(' ')}"/>${pts.map((p) => `<circle r="3" fill="#0f3d5e" cx="${xy(p).split(',')[0]}" cy="${xy(p).split(',')[1]}"/>`).join('')}<text x="2" y="12" font-size="10">${hi.toFixed(1)} ${unit}</text><text x="2" y="${H - 3}" font-size="10">${lo.toFixed(1)}</text><text x="${W - 40}" y="${H - 3}" font-size="10">${hhmm(maxT)}</text></svg>`;
    };
    const rows = h('div');
    const renderRows = () => {
      setChildren(rows, points.map((p) => h('div.editor-row', field(t('ed.minute'), p, 'minute', 'number', draw), field(unit, p, valueKey, 'number', draw),
        removeBtn(() => { points.splice(points.indexOf(p), 1); }))));
      draw();
    };
    const add = h('button.small', { type: 'button' }, t('ed.addPoint'));
    add.addEventListener('click', () => { const last = points[points.length - 1]; points.push({ minute: (last?.minute ?? 0) + 30, [valueKey]: last?.[valueKey] ?? 0 }); changed(); renderRows(); });
    renderRows();
    return h('section', h('h3', title), chart, rows, add);
  };

  const renderHazards = () => {
    const d = model!.scenario as ScenarioData & { seaLevel?: Record<string, number>[]; rivers?: { id: string; name: string; hydrograph: Record<string, number>[] }[]; rainfall?: Record<string, number>[]; seaLevelParts?: Record<string, Record<string, number>[]> };
    d.seaLevel ??= [];
    const out = [h('p.help', t('ed.hazards.help')), seriesEditor(t('ed.seaLevel'), d.seaLevel, 'level', 'm')];
    for (const [part, pts] of Object.entries(d.seaLevelParts ?? {})) out.push(seriesEditor(`${t('ed.seaLevel')}: ${part}`, pts, 'level', 'm'));
    for (const r of d.rivers ?? []) out.push(seriesEditor(`${t('ed.river')} ${r.name}`, r.hydrograph, 'discharge', 'm³/s'));
    d.rainfall ??= [];
    out.push(seriesEditor(t('ed.rainfall'), d.rainfall, 'mmPerHour', 'mm/jam'));
    return out;
  };

  const renderPeople = () => {
    const d = model!.scenario as ScenarioData & { title?: Record<string, unknown>; summary?: Record<string, unknown>; clock?: Record<string, unknown>; teams?: Record<string, unknown>[]; metrics?: Record<string, unknown>; scoreWeights?: Record<string, unknown> };
    d.title ??= { id: '', en: '' }; d.summary ??= { id: '', en: '' }; d.clock ??= {}; d.teams ??= []; d.metrics ??= {}; d.scoreWeights ??= {};
    const addTeam = h('button.small', { type: 'button' }, t('ed.addTeam'));
    addTeam.addEventListener('click', () => { const n = d.teams!.length + 1; d.teams!.push({ id: `tim-${n}`, name: `Tim ${n}` }); changed(); renderTab(); });
    type Objective = { id: string; title: Record<string, unknown>; capability: Record<string, unknown>; metrics: (string | number)[]; injects: (string | number)[] };
    const objectives = ((d as { objectives?: Objective[] }).objectives ??= []);
    const addObjective = h('button.small', { type: 'button' }, t('ed.addObjective'));
    addObjective.addEventListener('click', () => { objectives.push({ id: `tujuan-${objectives.length + 1}`, title: { id: '', en: '' }, capability: { id: '', en: '' }, metrics: [], injects: [] }); changed(); renderTab(); });
    /** A list written as comma-separated text (metrics ids, MSEL row numbers). */
    const listField = (label: string, obj: Record<string, unknown>, key: string, numbers: boolean) => {
      const input = h('input', { value: ((obj[key] as unknown[]) ?? []).join(', ') });
      input.addEventListener('change', () => { const parts = input.value.split(/[,;\s]+/).filter(Boolean); if (!parts.length) delete obj[key]; else obj[key] = numbers ? parts.map(Number) : parts; changed(); });
      return h('label.editor-field', h('span', label), input);
    };
    const addNgo = h('button.small', { type: 'button' }, t('ed.addNgo'));
    addNgo.addEventListener('click', () => { d.ngos = [...(d.ngos ?? []), { id: `lsm-${(d.ngos?.length ?? 0) + 1}`, name: 'LSM', units: [] }]; changed(); renderTab(); });
    return [
      h('section', h('h3', t('ed.general')), field('id', d, 'id'), field(t('ed.titleId'), d.title, 'id'), field(t('ed.titleEn'), d.title, 'en'), field(t('ed.summaryId'), d.summary, 'id'), field(t('ed.summaryEn'), d.summary, 'en')),
      h('section', h('h3', t('ed.clock')), field(t('ed.tickSeconds'), d.clock, 'tickSeconds', 'number'), field(t('ed.tickMinutes'), d.clock, 'tickMinutes', 'number'), field(t('ed.duration'), d.clock, 'durationMinutes', 'number'), field(t('ed.alertMinute'), d.clock, 'officialAlertMinute', 'number')),
      h('section', h('h3', t('ed.teams')), h('p.help', t('ed.teams.help')), d.teams.map((tm) => h('div.editor-row', field('id', tm, 'id'), field(t('ed.name'), tm, 'name'), listField(t('ed.team.commands'), tm, 'commands', false), removeBtn(() => { d.teams = d.teams!.filter((x) => x !== tm); }))), addTeam),
      h('section', h('h3', t('ed.ngos')), (d.ngos ?? []).map((n) => h('div.editor-row', field('id', n as unknown as Record<string, unknown>, 'id'), field(t('ed.name'), n as unknown as Record<string, unknown>, 'name'),
        field(t('ed.responseDelay'), n as unknown as Record<string, unknown>, 'responseDelay', 'number'), field(t('ed.selfDeploy'), n as unknown as Record<string, unknown>, 'selfDeploy', 'check'), field(t('ed.onRequest'), n as unknown as Record<string, unknown>, 'onRequest', 'check'))), addNgo),
      h('section', h('h3', t('ed.thresholds')), field(t('ed.ttwBest'), d.metrics, 'timeToWarningBest', 'number'), field(t('ed.ttwWorst'), d.metrics, 'timeToWarningWorst', 'number')),
      h('section', h('h3', t('ed.objectives')), h('p.help', t('ed.objectives.help')), objectives.map((o) => h('div.editor-item',
        field('id', o, 'id'), field(t('ed.titleId'), o.title, 'id'), field(t('ed.titleEn'), o.title, 'en'), field(t('ed.capabilityId'), o.capability, 'id'), field(t('ed.capabilityEn'), o.capability, 'en'),
        listField(t('ed.objective.metrics'), o, 'metrics', false), listField(t('ed.objective.injects'), o, 'injects', true),
        removeBtn(() => { d.objectives = objectives.filter((x) => x !== o); }))), addObjective),
      h('section', h('h3', t('ed.weights')), h('p.help', t('ed.weights.help')), METRICS.map((m) => field(m, d.scoreWeights!, m, 'number'))),
    ];
  };

  const recipientsOf = (to: string | undefined): string => {
    const d = model!.scenario as ScenarioData & { teams?: { id: string; name: string }[] };
    const v = to || 'all';
    if (v === 'all') return t('ed.to.all', { n: d.teams?.length ?? 0 });
    const team = d.teams?.find((x) => x.id === v);
    if (team) return t('ed.to.team', { team: team.name });
    if (ROLES.includes(v)) return t('ed.to.role', { role: t(`role.${v}` as MessageKey) });
    return t('ed.to.unknown', { value: v });
  };

  // MSEL spreadsheet import (CSV/XLSX): a row-by-row report first; accepted rows are appended on request.
  interface SheetRow { sheetRow: number; no: number | null; status: 'accepted' | 'warning' | 'rejected'; messages: { level: string; field?: string; message: string; fix: string }[] }
  interface SheetReport { rows: SheetRow[]; accepted: number; warnings: number; rejected: number; records: MselRecord[]; problems: { level: string; message: string; fix: string }[]; unmapped: { to: string[] }; guessedTo: Record<string, string> }
  const sheetInput = h('input', { type: 'file', accept: '.csv,.xlsx,text/csv', hidden: true, 'data-testid': 'msel-sheet-input' });
  const sheetBtn = h('button.small', { type: 'button' }, t('ed.sheet.import'));
  const sheetReport = h('div.editor-sheet', { 'data-testid': 'msel-sheet-report' });
  let sheetMapping: { to: Record<string, string> } = { to: {} };
  let sheetFile: File | null = null;
  sheetBtn.addEventListener('click', () => sheetInput.click());
  const runSheet = async () => {
    if (!sheetFile || !model) return;
    const r = await api<SheetReport>('/msel-import', { file: { name: sheetFile.name, b64: await b64(sheetFile) }, mapping: sheetMapping, lang: lang(), model });
    if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
    const rep = r.body;
    for (const [k, v] of Object.entries(rep.guessedTo)) sheetMapping.to[k] ??= v;
    const toTable = [...new Set([...rep.unmapped.to, ...Object.keys(sheetMapping.to)])].map((name) => {
      const i = h('input', { value: sheetMapping.to[name] ?? '', list: 'msel-to-list', size: '12' });
      i.addEventListener('change', () => { sheetMapping.to[name] = i.value.trim(); });
      return h('div.editor-row', h('span', name), i);
    });
    const again = h('button.small', { type: 'button' }, t('ed.sheet.again'));
    again.addEventListener('click', () => void runSheet());
    const append = h('button.small.primary', { type: 'button', 'data-testid': 'msel-sheet-append' }, t('ed.sheet.append', { n: rep.records.length }));
    // The mapping is kept with the scenario (msel-mapping.json), so the next spreadsheet from the same office maps at once.
    append.addEventListener('click', () => { model!.msel.push(...rep.records); model!.files['msel-mapping.json'] = JSON.stringify(sheetMapping, null, 2) + '\n'; setChildren(sheetReport); changed(); renderTab(); });
    setChildren(sheetReport,
      h('p', t('ed.sheet.summary', { accepted: rep.accepted, warnings: rep.warnings, rejected: rep.rejected })),
      rep.problems.map((p) => h(`p.${p.level === 'error' ? 'error' : 'muted'}`, p.message)),
      toTable.length ? h('section', h('h3', t('ed.sheet.toMap')), toTable, again) : null,
      h('ul.editor-diags', rep.rows.map((row) => h(`li.diag-${row.status === 'rejected' ? 'error' : row.status === 'warning' ? 'warning' : 'info'}`,
        h('strong', `${t('ed.sheet.row', { row: row.sheetRow })} · ${t(`ed.sheet.${row.status}` as MessageKey)}`),
        row.messages.filter((m) => m.level !== 'info').map((m) => h('div', `${m.field ?? ''}: ${m.message}`, m.fix ? h('span.muted', ` → ${m.fix}`) : null))))),
      h('div.actions', append));
  };
  sheetInput.addEventListener('change', () => {
    sheetFile = sheetInput.files?.[0] ?? null;
    sheetInput.value = '';
    try { sheetMapping = { to: {}, ...JSON.parse(model?.files['msel-mapping.json'] ?? '{}') as object }; } catch { sheetMapping = { to: {} }; }
    sheetMapping.to ??= {};
    void runSheet();
  });

  const exportSheet = (format: 'xlsx' | 'csv') => {
    const btn = h('button.small', { type: 'button', 'data-testid': `msel-export-${format}` }, t('ed.sheet.export', { format: format.toUpperCase() }));
    btn.addEventListener('click', async () => {
      if (!model) return;
      const r = await api<Blob>('/msel-export', { model, format });
      if (!r.ok) { say('ed.error', { message: apiError(r) }); return; }
      const a = h('a', { href: URL.createObjectURL(r.body), download: `${(model.scenario as ScenarioData).id || 'msel'}-msel.${format}` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    });
    return btn;
  };

  const renderMsel = () => {
    const rows = model!.msel;
    const d = model!.scenario as ScenarioData & { teams?: { id: string; name: string }[]; clock?: { durationMinutes?: number } };
    const end = d.clock?.durationMinutes ?? 240;
    const timeline = h('div.editor-timeline', { 'data-testid': 'editor-timeline' },
      rows.map((r) => {
        const m = minutesOf(r.time);
        return h(`span.tl-mark${r.condition ? '.cond' : ''}`, { style: `left:${Math.min(100, ((m ?? 0) / end) * 100)}%`, title: `#${r.no} ${r.time ?? ''} ${r.condition ?? ''}` }, String(r.no ?? ''));
      }),
      h('span.tl-end', hhmm(end)));
    const add = h('button.small.primary', { type: 'button', 'data-testid': 'msel-add' }, t('ed.msel.add'));
    add.addEventListener('click', () => {
      const no = Math.max(0, ...rows.map((r) => Number(r.no) || 0)) + 1;
      rows.push({ no: String(no), time: 'H+1:00', method: 'phone', from: '', to: 'all', message_id: '' });
      changed(); renderTab();
    });
    /** "Pick on map" next to the effect and expected-action cells: the next click on a place fills its id in. */
    const pickBtn = (r: MselRecord, key: 'effect' | 'expected_action') => {
      const on = picking?.row === r && picking.key === key;
      const b = h('button.small.pick', { type: 'button', title: t('ed.pick.button'), 'aria-label': t('ed.pick.button'), 'aria-pressed': String(on), class: on ? 'active' : '', 'data-testid': `msel-pick-${key === 'effect' ? 'effect' : 'action'}` }, t('ed.pick.short'));
      b.addEventListener('click', () => { if (on) stopPicking(true); else startPicking(r, key); });
      return b;
    };
    const cellInput = (r: MselRecord, key: keyof MselRecord, attrs: Record<string, string> = {}) => {
      const i = key === 'message_id' || key === 'message_en' ? h('textarea', { rows: '2', ...attrs }) : h('input', attrs);
      i.value = r[key] ?? '';
      // Re-render after the event: the change fires on blur, and the input must still be in the page then.
      i.addEventListener('change', () => { if (i.value) r[key] = i.value; else delete r[key]; changed(); if (key === 'to' || key === 'time') setTimeout(renderTab, 0); });
      return i;
    };
    const toList = h('datalist', { id: 'msel-to-list' }, option('all', 'all'), (d.teams ?? []).map((tm) => option(tm.id, tm.name)), ROLES.map((r) => option(r, r)));
    const table = h('table.editor-msel', { 'data-testid': 'msel-table' },
      h('thead', h('tr', ['No', t('ed.msel.time'), t('ed.msel.condition'), t('ed.msel.method'), t('ed.msel.from'), t('ed.msel.to'), t('ed.msel.message'), t('ed.msel.expected'), t('ed.msel.deadline'), t('ed.msel.effect'), t('ed.msel.receives'), ''].map((x) => h('th', x)))),
      h('tbody', rows.map((r, k) => {
        const method = h('select', {}, METHODS.map((m) => option(m, t(`ed.method.${m}` as MessageKey), (r.method || 'phone') === m)));
        method.addEventListener('change', () => { r.method = method.value; changed(); });
        const up = h('button.small', { type: 'button', title: t('ed.up'), disabled: k === 0 }, '↑');
        up.addEventListener('click', () => { rows.splice(k - 1, 0, rows.splice(k, 1)[0]); changed(); renderTab(); });
        const down = h('button.small', { type: 'button', title: t('ed.down'), disabled: k === rows.length - 1 }, '↓');
        down.addEventListener('click', () => { rows.splice(k + 1, 0, rows.splice(k, 1)[0]); changed(); renderTab(); });
        const del = h('button.small.danger', { type: 'button', title: t('ed.remove') }, '×');
        del.addEventListener('click', () => { rows.splice(k, 1); changed(); renderTab(); });
        return h('tr', { 'data-no': r.no ?? '' },
          h('td', cellInput(r, 'no', { size: '3' })), h('td', cellInput(r, 'time', { size: '7', placeholder: 'H+0:45' })), h('td', cellInput(r, 'condition', { placeholder: 'depth(area) >= 0.3' })),
          h('td', method), h('td', cellInput(r, 'from')), h('td', cellInput(r, 'to', { list: 'msel-to-list', size: '10' })),
          h('td', cellInput(r, 'message_id', { placeholder: t('ed.msel.messageId') }), cellInput(r, 'message_en', { placeholder: t('ed.msel.messageEn') })),
          h('td', h('div.pick-cell', cellInput(r, 'expected_action', { placeholder: 'warn; evacuate' }), pickBtn(r, 'expected_action')), cellInput(r, 'expected_text', { placeholder: t('ed.msel.expectedText') })),
          h('td', cellInput(r, 'deadline', { size: '3' })), h('td', h('div.pick-cell', cellInput(r, 'effect', { placeholder: 'surge(0.3)' }), pickBtn(r, 'effect'))),
          h('td.receives', recipientsOf(r.to)), h('td.nowrap', up, down, del));
      })));
    return [h('p.help', t('ed.msel.help')), timeline, h('div.editor-scroll', table), toList, h('div.actions', add, sheetBtn, sheetInput, exportSheet('xlsx'), exportSheet('csv')), sheetReport];
  };

  // ---------- picking an MSEL place on the map ----------
  let picking: { row: MselRecord; key: 'effect' | 'expected_action' } | null = null;
  const kindWords = (kinds: readonly string[]) => kinds.map((k) => t(`ed.pick.kind.${k}` as MessageKey)).join(', ');
  const stopPicking = (said: boolean) => {
    picking = null; map.onPick = null; map.pickKinds = undefined; map.canvas.style.cursor = '';
    if (said) say('ed.pick.cancel');
    if (tab === 'msel') renderTab();
  };
  const startPicking = (r: MselRecord, key: 'effect' | 'expected_action') => {
    const kinds = acceptedKinds(key, r[key]);
    if (key === 'effect' && /^\s*road_closed\b/.test(r.effect ?? '')) { map.tool = 'closure'; renderTools(); say('ed.help.closure'); return; }
    if (!kinds.length) { say('ed.pick.none', { value: r[key] ?? '' }); return; }
    picking = { row: r, key };
    map.pickKinds = kinds;
    map.canvas.style.cursor = 'crosshair';
    map.onPick = (p: Picked | null) => {
      if (!picking) return;
      const next = p && (key === 'effect' ? pickIntoEffect(r.effect, p) : pickIntoAction(r.expected_action, p));
      if (!next) { say('ed.pick.miss', { kinds: kindWords(kinds) }); return; }
      r[key] = next;
      stopPicking(false);
      changed(); // the live check runs again
      say('ed.pick.done', { no: r.no ?? '', value: next });
    };
    say(key === 'effect' ? 'ed.pick.effect' : 'ed.pick.action', { no: r.no ?? '', kinds: kindWords(kinds) });
    renderTab();
  };
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && picking) stopPicking(true); };
  window.addEventListener('keydown', onKey);

  const renderVersions = async () => {
    const list = await loadList();
    const id = (model?.scenario as ScenarioData | undefined)?.id;
    return [h('p.help', t('ed.versions.help')), h('div.actions', exportBtn),
      h('ul.editor-versions', { 'data-testid': 'editor-versions' }, (list?.versions ?? []).filter((v) => !id || v.scenarioId === id).map((v) => h('li',
        h('strong', `${v.scenarioId} v${v.version}`), ` ${new Date(v.createdAt).toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB')} — ${v.note || '–'} `,
        v.drills.length ? h('span.chip', t('ed.versions.drills', { codes: v.drills.join(', ') })) : null,
        h('a', { href: `/api/editor/export/${v.scenarioId}?version=${v.version}`, onclick: (e: Event) => { e.preventDefault(); void downloadVersion(v.scenarioId, v.version); } }, ' zip'))))];
  };
  const downloadVersion = async (id: string, version: number) => {
    const r = await api<Blob>(`/export/${id}?version=${version}`);
    if (!r.ok) return;
    const a = h('a', { href: URL.createObjectURL(r.body), download: `${id}-v${version}.zip` });
    a.click();
  };

  const rerunBtn = () => { const b = h('button', { type: 'button' }, t('ed.dry')); b.addEventListener('click', () => dryBtn.click()); return b; };
  const renderDry = () => {
    if (!dry) return [h('p.help', t('ed.dry.help')), rerunBtn()];
    const r = dry;
    const out: HTMLElement[] = [h('div.actions', rerunBtn()), h('p', t('ed.dry.summary', { minutes: r.minutes, ms: r.ms }))];
    out.push(h('table.editor-dry', { 'data-testid': 'dry-table' }, h('thead', h('tr', h('th', 'No'), h('th', t('ed.msel.time')), h('th', t('ed.dry.fired')), h('th', t('ed.msel.receives')))),
      h('tbody', r.rows.map((row) => h(`tr${row.fired.every((f) => f.minute === null) ? '.never' : ''}`, h('td', String(row.no)), h('td', row.time || row.condition || ''),
        h('td', row.fired.map((f) => `${f.teamId} ${f.minute === null ? t('ed.dry.never') : hhmm(f.minute)}`).join(' · ')), h('td', row.recipients.join('; ')))))));
    if (r.neverFired.length) out.push(h('p.error', t('ed.dry.neverList', { rows: r.neverFired.map((n) => `#${n}`).join(', ') })));
    for (const b of r.badRows) out.push(h('p.error', t('ed.dry.bad', { row: b.row, no: b.no, why: b.messages.join('; ') })));
    if (r.depth.places.length) {
      const idx = r.depth.minutes.map((_, k) => k).filter((k) => k % Math.max(1, Math.ceil(r.depth.minutes.length / 12)) === 0);
      out.push(h('h3', t('ed.dry.depth')), h('table.editor-dry', h('thead', h('tr', h('th', t('ed.minute')), idx.map((k) => h('th', String(r.depth.minutes[k]))))),
        h('tbody', h('tr', h('td', t('ed.seaLevel')), idx.map((k) => h('td', r.seaLevel[k].toFixed(2)))),
          r.depth.places.map((p) => h('tr', h('td', p.id), idx.map((k) => h(`td${p.depth[k] >= 0.3 ? '.deep' : ''}`, p.depth[k].toFixed(2))))))));
    }
    return out;
  };

  const renderTab = () => {
    if (!model) { setChildren(panel, h('p.muted', t('ed.empty'))); return; }
    if (tab === 'versions') { void renderVersions().then((els) => { if (tab === 'versions') setChildren(panel, els); }); return; }
    const wide = tab === 'msel' || tab === 'dry';
    if (body.classList.contains('wide-side') !== wide) { body.classList.toggle('wide-side', wide); fitMap(); }
    const els = tab === 'check' ? renderCheck() : tab === 'places' ? renderPlaces() : tab === 'hazards' ? renderHazards() : tab === 'people' ? renderPeople() : tab === 'msel' ? renderMsel() : renderDry();
    setChildren(panel, els);
    if (tab === 'places') panel.querySelector('.editor-item.selected')?.scrollIntoView({ block: 'nearest' });
  };

  const setModel = (m: EditorModel, check?: CheckReport) => {
    if (picking) stopPicking(false);
    model = m;
    dirty = false;
    dry = null;
    const d = m.scenario as ScenarioData;
    d.neighbourhoods ??= []; d.shelters ??= []; d.ngos ??= []; d.embankments ??= []; d.landUse ??= [];
    setChildren(paintSelect, d.landUse.map((c: LandClass) => option(String(c.code), `${c.code} ${c.name}`, c.habitable === true)));
    map.paintCode = Number(paintSelect.value);
    map.setModel(m);
    fitMap();
    if (check) showCheck(check);
    renderTab();
  };
  const fitMap = () => { const box = mapBox.getBoundingClientRect(); map.fit(Math.max(300, box.width - 4), Math.max(300, window.innerHeight - box.top - 90)); };

  const mapBox = h('div.editor-mapbox', toolBar, map.el, inspectBox);
  const body = h('div.editor-body', mapBox, h('div.editor-side.card', tabBar, panel));
  const el = h('div.editor-page', { 'data-testid': 'editor-page' },
    h('div.editor-top.card',
      h('h2', t('ed.title')),
      h('div.editor-toolbar', h('label.inline', t('home.fac.key'), keyInput), h('label.inline', t('ed.open.label'), openSelect), openBtn, zipBtn, zipInput, checkBadge, h('label.inline', t('ed.save.noteLabel'), noteInput), saveBtn, dryBtn),
      gisBox, gisNotes, status),
    body);
  renderTabs();
  renderTab();
  const onResize = () => fitMap();
  window.addEventListener('resize', onResize);
  const beforeUnload = (e: BeforeUnloadEvent) => { if (dirty) e.preventDefault(); };
  window.addEventListener('beforeunload', beforeUnload);
  return {
    el,
    mounted() {
      if (keyInput.value) void loadList();
      if (kept) { const k = kept; setModel(k.model, k.check ?? undefined); dirty = k.dirty; }
      fitMap();
    },
    destroy() { if (model) kept = { model, check: lastCheck, dirty }; window.removeEventListener('resize', onResize); window.removeEventListener('beforeunload', beforeUnload); window.removeEventListener('keydown', onKey); if (checkTimer) clearTimeout(checkTimer); },
  };
}
