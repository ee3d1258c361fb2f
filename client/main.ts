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

/** The page for a route. Pages other than home are separate chunks, loaded when first opened, so the home page
 *  a player opens first stays small (the map and Phaser come only with pages that show a map). */
async function pageFor(name: string | undefined, code: string): Promise<Page> {
  if (name === 'fasilitator' && code) return (await import('./pages/control-room.ts')).controlRoomPage(code);
  if (name === 'evaluator' && code) return (await import('./pages/control-room.ts')).controlRoomPage(code, 'evaluator');
  if (name === 'main' && code) return (await import('./pages/player.ts')).playerPage(code);
  if (name === 'debrief' && code) return (await import('./pages/debrief.ts')).debriefPage(code);
  if (name === 'editor') return (await import('./pages/editor.ts')).editorPage();
  if (name === 'riwayat') return (await import('./pages/history.ts')).historyPage();
  return homePage();
}

let routing = 0;
async function route(): Promise<void> {
  const mine = ++routing;
  current?.destroy();
  current = null;
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [name, rawCode] = parts;
  const code = (rawCode ?? '').toUpperCase();
  document.body.dataset.page = name ?? 'home';
  const page = await pageFor(name, code);
  // Another route won while this page's code loaded.
  if (mine !== routing) { page.destroy(); return; }
  current = page;
  setChildren(main, page.el);
  page.mounted?.();
}

document.documentElement.lang = lang();
renderHeader();
onLangChange(async () => {
  renderHeader();
  // Pages that hold live data re-render themselves; the others are rebuilt with what was typed kept.
  if (current?.relang) { current.relang(); return; }
  const kept = captureForm(main);
  await route();
  restoreForm(main, kept);
});
window.addEventListener('hashchange', () => void route());
void route();
