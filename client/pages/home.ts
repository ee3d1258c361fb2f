// Home: a player card (join a drill), a facilitator card (create one, list mine) and an evaluator card.
import type { DrillListItem } from '../../server/protocol/event-maps.ts';
import { C2S, type DrillMode, type DrillState, type DrillStatus, type ScenarioSummary } from '../../server/protocol/events.ts';
import { TEAM_ROLES } from '../../server/protocol/rights.ts';
import { lang, pick, t } from '../i18n/index.ts';
import { Connection, getJson, sessionStore, storage } from '../net/connection.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { clock, errorText, roleName } from '../util/format.ts';
import { go, type Page } from './page.ts';
import type { RenderedDiagnostic } from '../../server/scenario/diagnostic.ts';

interface ScenarioProblem { folder: string; id: string | null; errors: { id: RenderedDiagnostic; en: RenderedDiagnostic }[] }

export function homePage(): Page {
  const conn = new Connection();

  // ---------- facilitator ----------
  const scenarioSelect = h('select', { id: 'scenario', 'data-testid': 'scenario-select', disabled: true }, option('', t('home.fac.loading')));
  const scenarioInfo = h('p.scenario-info');
  const keyInput = h('input', { id: 'fac-key', type: 'password', autocomplete: 'current-password', 'data-testid': 'facilitator-key', value: sessionStore.get('gladi.fac.key') ?? '' });
  const modeSelect = h('select', { id: 'drill-mode', 'data-testid': 'mode-select' },
    option('parallel', t('home.fac.mode.parallel'), true), option('joint', t('home.fac.mode.joint')));
  const createBtn = h('button.primary', { type: 'submit', 'data-testid': 'create-drill' }, t('home.fac.create'));
  const facError = h('p.error', { role: 'alert', 'data-testid': 'create-error' });
  let scenarios: ScenarioSummary[] = [];

  const showScenario = () => {
    const s = scenarios.find((x) => x.id === scenarioSelect.value);
    setChildren(scenarioInfo, s ? [h('span', pick(s.summary)), h('span.muted', ' ' + t('home.fac.duration', { minutes: s.durationMinutes, teams: s.teams.length }))] : []);
  };
  scenarioSelect.addEventListener('change', showScenario);

  // Scenarios the server could not load, with the checker's errors (server/http/editor-routes.ts).
  const problemsBox = h('div.scenario-problems', { 'data-testid': 'scenario-problems' });
  const showProblems = async () => {
    const list = await getJson<ScenarioProblem[]>('/api/scenario-problems');
    if (!list?.length) { setChildren(problemsBox, []); return; }
    const l = lang();
    setChildren(problemsBox, h('details.card-note', { open: true },
      h('summary.error', t('home.problems.title', { n: list.length })),
      h('p.help', t('home.problems.help')),
      list.map((p) => h('div', h('strong', t('home.problems.folder', { folder: p.folder })), h('ul', [
        ...p.errors.slice(0, 8).map((e) => h('li', h('span.mono', `${e[l].file}${e[l].row ? ` #${e[l].row}` : e[l].line ? `:${e[l].line}` : ''}${e[l].field ? ` ${e[l].field}` : ''}`), ' ', e[l].message, h('br'), h('span.muted', '→ ' + e[l].fix))),
        p.errors.length > 8 ? h('li.muted', t('home.problems.more', { n: p.errors.length - 8 })) : null,
      ]))),
    ));
  };

  conn.onConnect(async () => {
    const ack = await conn.request(C2S.scenarioList, {});
    if (!ack.ok) { facError.textContent = errorText(ack.error); return; }
    scenarios = ack.scenarios;
    const prev = scenarioSelect.value;
    setChildren(scenarioSelect, scenarios.length ? scenarios.map((s) => option(s.id, pick(s.title), s.id === prev)) : option('', t('home.fac.noScenarios')));
    scenarioSelect.disabled = scenarios.length === 0;
    showScenario();
    void showProblems();
  });

  const facForm = h('form.card', { 'aria-labelledby': 'fac-title' },
    h('h2', { id: 'fac-title' }, t('home.fac.title')),
    h('p.help', t('home.fac.help')),
    h('label', { for: 'scenario' }, t('home.fac.scenario')), scenarioSelect, scenarioInfo, problemsBox,
    h('label', { for: 'drill-mode' }, t('home.fac.mode')), modeSelect,
    h('label', { for: 'fac-key' }, t('home.fac.key')), keyInput,
    h('div.actions', createBtn), facError,
  );
  facForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    facError.textContent = '';
    createBtn.disabled = true;
    const key = keyInput.value.trim();
    const ack = await conn.request(C2S.drillCreate, { key, scenarioId: scenarioSelect.value, mode: modeSelect.value as DrillMode });
    createBtn.disabled = false;
    if (!ack.ok) { facError.textContent = errorText(ack.error); return; }
    storage.set(`gladi.fac.${ack.code}`, ack.token);
    sessionStore.set('gladi.fac.key', key);
    storage.set('gladi.fac.last', ack.code);
    go(`#/fasilitator/${ack.code}`);
  });
  facForm.append(h('p.muted', h('a', { href: '#/editor', 'data-testid': 'editor-link' }, t('home.editor.link'))));
  const last = storage.get('gladi.fac.last');
  if (last) facForm.append(h('p.muted', h('a', { href: `#/fasilitator/${last}` }, t('home.fac.reopen', { code: last }))));

  // ---------- facilitator: my drills ----------
  type DrillRow = DrillListItem;
  const archivedBox = h('input', { id: 'mine-archived', type: 'checkbox', 'data-testid': 'mine-archived' });
  const mineList = h('ul.mine', { 'data-testid': 'my-drills' });
  const mineError = h('p.error', { role: 'alert' });
  const loadBtn = h('button', { type: 'button', 'data-testid': 'mine-load' }, t('home.mine.load'));
  const loadMine = async () => {
    mineError.textContent = '';
    const key = keyInput.value.trim();
    if (!key) { mineError.textContent = t('control.needKey'); return; }
    const ack = await conn.request(C2S.drillList, { key, includeArchived: archivedBox.checked });
    if (!ack.ok) { mineError.textContent = errorText(ack.error); return; }
    sessionStore.set('gladi.fac.key', key);
    const title = (id: string) => { const sc = scenarios.find((x) => x.id === id); return sc ? pick(sc.title) : id; };
    const date = (v: number | string) => { const d = new Date(v); return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }); };
    const drills = [...ack.drills].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
    setChildren(mineList, drills.length ? drills.map((d) => h(`li.mine-row${d.archived ? '.archived' : ''}`, { 'data-code': d.code },
      h('div', h('strong.mono', d.code), d.archived ? h('span.chip.muted', t('home.mine.archivedBadge')) : null,
        h('div.muted.small', t('home.mine.meta', { scenario: title(d.scenarioId), mode: t(`mode.${d.mode}`), status: t(`status.${d.status}`), clock: clock(d.tick), date: date(d.createdAt) }))),
      h('div.actions.tight',
        h('a.button.small', { href: `#/fasilitator/${d.code}`, 'data-testid': `mine-open-${d.code}` }, t('home.mine.open')),
        h('a.button.small.link', { href: `#/debrief/${d.code}` }, t('home.mine.debrief')))))
      : h('li.muted', t('home.mine.empty')));
  };
  loadBtn.addEventListener('click', () => void loadMine());
  archivedBox.addEventListener('change', () => { if (mineList.firstChild) void loadMine(); });
  const mineCard = h('section.card', { 'aria-labelledby': 'mine-title' },
    h('h2', { id: 'mine-title' }, t('home.mine.title')),
    h('p.help', t('home.mine.help')),
    h('div.actions', loadBtn, h('label.check', archivedBox, ' ', t('home.mine.archived'))),
    mineError, mineList);

  // ---------- player ----------
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const codeInput = h('input.code-input', {
    id: 'join-code', 'data-testid': 'join-code', maxlength: 6, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    inputmode: 'text', placeholder: 'K7QM2P', value: params.get('kode') ?? '',
  });
  const nameInput = h('input', { id: 'join-name', 'data-testid': 'join-name', maxlength: 40, placeholder: t('home.join.namePlaceholder'), value: storage.get('gladi.name') ?? '' });
  const teamSelect = h('select', { id: 'join-team', 'data-testid': 'join-team', disabled: true }, option('', t('home.join.enterCode')));
  const roleSelect = h('select', { id: 'join-role', 'data-testid': 'join-role' }, TEAM_ROLES.map((r) => option(r, roleName(r), r === 'commander')));
  const joinBtn = h('button.primary', { type: 'submit', 'data-testid': 'join-submit' }, t('home.join.submit'));
  const drillInfo = h('p.scenario-info', { 'data-testid': 'join-drill-info' });
  const joinError = h('p.error', { role: 'alert', 'data-testid': 'join-error' });

  let lookup = 0;
  const lookUp = async () => {
    const code = codeInput.value.trim().toUpperCase();
    if (codeInput.value !== code) codeInput.value = code;
    setChildren(drillInfo);
    if (code.length !== 6) {
      teamSelect.disabled = true;
      setChildren(teamSelect, option('', t('home.join.enterCode')));
      return;
    }
    const mine = ++lookup;
    setChildren(teamSelect, option('', t('home.join.teamsLoading')));
    const state = await getJson<DrillState>(`/api/drills/${code}`);
    if (mine !== lookup) return;
    if (!state) {
      setChildren(teamSelect, option('', t('home.join.enterCode')));
      drillInfo.textContent = `${t('home.join.notFound', { code })} ${t('home.join.checkCode')}`;
      return;
    }
    setChildren(teamSelect, state.teams.map((tm, i) => option(tm.id, `${tm.name} (${tm.players.length})`, i === 0)));
    teamSelect.disabled = false;
    setChildren(drillInfo, t('home.join.drillFound', { title: pick(state.title), status: t(`status.${state.status}`) }),
      state.status === 'ended' ? [' · ', h('a', { href: `#/debrief/${code}` }, t('home.join.ended'))] : []);
  };
  codeInput.addEventListener('input', () => void lookUp());

  const joinForm = h('form.card', { 'aria-labelledby': 'join-title' },
    h('h2', { id: 'join-title' }, t('home.join.title')),
    h('p.help', t('home.join.help')),
    h('label', { for: 'join-code' }, t('home.join.code')), codeInput, drillInfo,
    h('label', { for: 'join-name' }, t('home.join.name')), nameInput,
    h('div.row2',
      h('div', h('label', { for: 'join-team' }, t('home.join.team')), teamSelect),
      h('div', h('label', { for: 'join-role' }, t('home.join.role')), roleSelect)),
    h('div.actions', joinBtn), joinError,
  );
  joinForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = codeInput.value.trim().toUpperCase();
    const name = nameInput.value.trim();
    if (!/^[A-Z2-9]{6}$/.test(code)) { joinError.textContent = t('home.join.badCode'); codeInput.focus(); return; }
    if (!name || !teamSelect.value) { joinError.textContent = t('home.join.missing'); (name ? teamSelect : nameInput).focus(); return; }
    storage.set('gladi.name', name);
    // The player page does the join (and re-joins on reconnect); it reads what was chosen here.
    sessionStorage.setItem(`gladi.join.${code}`, JSON.stringify({ name, teamId: teamSelect.value, role: roleSelect.value }));
    go(`#/main/${code}`);
  });
  if (codeInput.value) void lookUp();

  // ---------- evaluator ----------
  const evCode = h('input.code-input', { id: 'eval-join-code', 'data-testid': 'eval-join-code', maxlength: 6, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', placeholder: 'K7QM2P', value: params.get('kode') ?? '' });
  const evSecret = h('input.mono', { id: 'eval-code', 'data-testid': 'eval-code', maxlength: 64, autocomplete: 'off', autocapitalize: 'characters' });
  const evName = h('input', { id: 'eval-name', 'data-testid': 'eval-name', maxlength: 40, value: storage.get('gladi.name') ?? '' });
  const evError = h('p.error', { role: 'alert' });
  const evalForm = h('form.card', { 'aria-labelledby': 'eval-title' },
    h('h2', { id: 'eval-title' }, t('home.eval.title')),
    h('p.help', t('home.eval.help')),
    h('div.row2', h('div', h('label', { for: 'eval-join-code' }, t('home.join.code')), evCode), h('div', h('label', { for: 'eval-code' }, t('home.eval.code')), evSecret)),
    h('label', { for: 'eval-name' }, t('home.join.name')), evName,
    h('div.actions', h('button.primary', { type: 'submit', 'data-testid': 'eval-submit' }, t('home.eval.submit'))), evError);
  evalForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = evCode.value.trim().toUpperCase(), secret = evSecret.value.trim().toUpperCase(), name = evName.value.trim();
    if (!/^[A-Z2-9]{6}$/.test(code)) { evError.textContent = t('home.join.badCode'); evCode.focus(); return; }
    if (secret.length < 6) { evError.textContent = t('home.eval.short'); evSecret.focus(); return; }
    if (!name) { evError.textContent = t('home.eval.missing'); evName.focus(); return; }
    storage.set(`gladi.eval.${code}`, secret);
    storage.set('gladi.name', name);
    go(`#/evaluator/${code}`);
  });

  const el = h('div.home',
    h('section.hero', h('h1', t('app.name')), h('p', t('app.tagline'))),
    h('div.cards', joinForm, facForm),
    h('div.cards', mineCard, evalForm),
  );
  return { el, destroy: () => conn.close() };
}
