// Entry point: header with the language switch, and a hash router over the four pages.
//   #/                    home (create a drill / join one)
//   #/fasilitator/CODE    facilitator's control room
//   #/main/CODE           player
//   #/evaluator/CODE      evaluator (read-only control room with notes)
//   #/debrief/CODE        debrief
//   #/editor              scenario editor (facilitator key)
//   #/riwayat             training history (facilitator)
import './styles.css';
import { LANGS, lang, onLangChange, setLang, t } from './i18n/index.ts';
import { h, setChildren } from './util/dom.ts';
import { captureForm, restoreForm } from './util/keep-form.ts';
import type { Page } from './pages/page.ts';
import { homePage } from './pages/home.ts';
import { controlRoomPage } from './pages/control-room.ts';
import { playerPage } from './pages/player.ts';
import { debriefPage } from './pages/debrief.ts';
import { editorPage } from './pages/editor.ts';
import { historyPage } from './pages/history.ts';

const app = document.getElementById('app')!;
const header = h('header.topbar');
const main = h('main.page');
app.append(header, main);

let current: Page | null = null;

function renderHeader(): void {
  const switcher = h('div.lang-switch', { 'data-testid': 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    LANGS.map((l) => h('button.lang', {
      type: 'button', 'aria-pressed': String(l === lang()), class: l === lang() ? 'active' : '', 'data-lang': l,
      onclick: () => setLang(l),
    }, l.toUpperCase())),
  );
  setChildren(header,
    h('a.brand', { href: '#/' }, h('span.logo', { 'aria-hidden': 'true' }), h('span.brand-name', t('app.name')), h('span.tagline', t('app.tagline'))),
    h('div.topbar-right', h('span.conn', { id: 'conn-status' }), switcher),
  );
}

function route(): void {
  current?.destroy();
  current = null;
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [name, rawCode] = parts;
  const code = (rawCode ?? '').toUpperCase();
  document.body.dataset.page = name ?? 'home';
  let page: Page;
  if (name === 'fasilitator' && code) page = controlRoomPage(code);
  else if (name === 'evaluator' && code) page = controlRoomPage(code, 'evaluator');
  else if (name === 'main' && code) page = playerPage(code);
  else if (name === 'debrief' && code) page = debriefPage(code);
  else if (name === 'editor') page = editorPage();
  else if (name === 'riwayat') page = historyPage();
  else page = homePage();
  current = page;
  setChildren(main, page.el);
  page.mounted?.();
}

document.documentElement.lang = lang();
renderHeader();
onLangChange(() => {
  renderHeader();
  // Pages that hold live data re-render themselves; the others are rebuilt with what was typed kept.
  if (current?.relang) { current.relang(); return; }
  const kept = captureForm(main);
  route();
  restoreForm(main, kept);
});
window.addEventListener('hashchange', route);
route();
