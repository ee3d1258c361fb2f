// Panels drawn from a team's view: the command-post strip, casualties, shelters, units, the social-media feed
// (with a clarify button per open rumour) and LAPOR! complaints (with an answer button). The panels with buttons
// redraw only when their data changes, so a click is never lost to a redraw.
import type { TeamView } from '../../server/protocol/events.ts';
import { may, type Role } from '../../server/protocol/rights.ts';
import { lang, num, pick, t, tMaybe } from '../i18n/index.ts';
import { h, setChildren } from '../util/dom.ts';
import { statusName, tickClock, type Names } from '../util/format.ts';
import { captureForm, restoreForm } from '../util/keep-form.ts';
import type { CommandForms } from './command-form.ts';

export function commandPostStrip(view: TeamView): HTMLElement {
  const c = view.command;
  const item = (label: string, value: string, on: boolean, testid: string) =>
    h(`div.cp-item${on ? '.on' : ''}`, { 'data-testid': testid }, h('span.cp-label', label), h('span.cp-value', value));
  return h('div.cp-strip', { 'data-testid': 'command-post' },
    item(t('post.status'), c.status ? statusName(c.status) : t('post.noStatus'), !!c.status, 'cp-status'),
    item(t('post.posko'), t(c.posko ? 'post.on' : 'post.off'), c.posko, 'cp-posko'),
    item(t('post.meetings'), num(c.meetings), c.meetings > 0, 'cp-meetings'),
    item(t('post.support'), t(c.supportRequested ? 'post.requested' : 'post.off'), c.supportRequested, 'cp-support'),
    item(t('post.sitreps'), num(c.sitreps), c.sitreps > 0, 'cp-sitreps'),
  );
}

export function casualtiesBlock(view: TeamView): HTMLElement {
  const { injured, dead } = view.casualties;
  return h(`div.casualties${injured + dead > 0 ? '.some' : ''}`, { 'data-testid': 'casualties' },
    h('span.score-label', t('casualties.label')),
    h('span.cas-injured', t('casualties.injured', { n: num(injured) })), ' · ',
    h('span.cas-dead', t('casualties.dead', { n: num(dead) })));
}

const RISK_HIGH = 0.5;

export function sheltersList(view: TeamView, names: Names): HTMLElement {
  return h('ul.shelters', view.shelters.map((s) => {
    const fill = s.capacity > 0 ? s.occupants / s.capacity : 0;
    const risk = s.healthRisk;
    const tone = risk >= RISK_HIGH ? 'poor' : risk >= 0.25 ? 'fair' : 'good';
    const over = s.occupants > s.capacity;
    return h(`li.shelter${s.open ? '' : '.closed'}${over ? '.over' : ''}`, { 'data-shelter': s.id, 'data-testid': `shelter-${s.id}` },
      h('div.area-head', h('strong', names.shelter(s.id)),
        h('span.chips-inline', over ? h('span.chip.rumour', { 'data-testid': `shelter-over-${s.id}` }, `⚠ ${t('shelter.overChip')}`) : null,
          h(`span.chip${s.open ? '.order' : '.muted'}`, t(s.open ? 'shelter.open' : 'shelter.closed')))),
      h('div.occ', h('div.meter', h(`div.meter-fill.${fill > 1 ? 'poor' : fill > 0.9 ? 'fair' : 'good'}`, { style: `width:${Math.min(100, Math.round(fill * 100))}%` })),
        h('span.people-text', t('shelter.occupancy', { occ: num(s.occupants), cap: num(s.capacity) }))),
      h('div.stocks',
        stock(t('shelter.water'), t('shelter.waterN', { n: num(s.water) }), s.occupants > 0 && s.water <= 0),
        stock(t('shelter.food'), t('shelter.foodN', { n: num(s.food) }), s.occupants > 0 && s.food <= 0),
        stock(t('shelter.hygiene'), num(s.hygiene), s.occupants > 0 && s.hygiene <= 0),
        stock(t('shelter.toilets'), num(s.toilets), s.occupants > 0 && s.toilets <= 0),
        h(`span.chip.risk-${tone}`, { 'data-testid': `shelter-risk-${s.id}` }, t('shelter.risk', { n: num(risk, 2) }), risk >= RISK_HIGH ? ` · ${t('shelter.riskHigh')}` : '')),
    );
  }));
}

function stock(label: string, value: string, short: boolean): HTMLElement {
  return h(`span.stock${short ? '.short' : ''}`, h('span.muted', `${label} `), value);
}

export function unitsList(view: TeamView, names: Names, map: { units: { id: string; ngo: string; ngoName: string; kind: string }[] }): HTMLElement {
  return h('ul.units', view.units.map((u) => {
    const info = map.units.find((x) => x.id === u.id);
    const badges = [
      !u.available && u.phase !== 'away' ? h('span.chip.muted', t('unitv.unavailable')) : null,
      u.selfDeployed ? h('span.chip.warn', t('unitv.selfDeployed')) : null,
      u.queued > 0 ? h('span.chip', t('unitv.queued', { n: u.queued })) : null,
    ];
    return h('li.unit', { 'data-unit': u.id },
      h('div.area-head', h('strong', info?.ngoName ?? u.id), h('span.muted', tMaybe(`unit.${info?.kind ?? ''}`, info?.kind ?? ''))),
      h('div.chips', h(`span.chip.phase-${u.phase}`, tMaybe(`phase.${u.phase}`, u.phase)), u.task ? h('span.chip.order', t('unitv.task', { area: names.area(u.task) })) : null, badges,
        u.served > 0 ? h('span.muted.small', t('unitv.served', { n: num(u.served) })) : null),
    );
  }));
}

/** Social media and LAPOR! panels; buttons send publish_clarification / answer_complaint. */
export class PublicInfoPanels {
  readonly social: HTMLElement;
  readonly lapor: HTMLElement;
  private socialList = h('ul.posts', { 'data-testid': 'social-feed' });
  private laporList = h('ul.complaints', { 'data-testid': 'lapor' });
  private socialResult = h('p.result', { role: 'status', 'data-testid': 'clarify-result' });
  private laporResult = h('p.result', { role: 'status', 'data-testid': 'answer-result' });
  private socialKey = '';
  private laporKey = '';

  constructor(private role: Role, private forms: CommandForms | null) {
    this.social = h('section.panel.social', h('h3', t('player.social')), this.socialList, this.socialResult);
    this.lapor = h('section.panel.lapor', h('h3', t('player.lapor')), this.laporList, this.laporResult);
  }

  update(view: TeamView, names: Names): void {
    const sk = lang() + JSON.stringify(view.posts);
    if (sk !== this.socialKey) {
      this.socialKey = sk;
      const keptSocial = captureForm(this.socialList);
      const canClarify = may(this.role, 'publish_clarification') && !!this.forms;
      const posts = [...view.posts].sort((a, b) => b.tick - a.tick);
      setChildren(this.socialList, posts.length ? posts.map((p) => {
        let btn: HTMLButtonElement | null = null;
        let extra: HTMLElement | null = null;
        if (p.kind === 'hoax' && !p.clarified) {
          btn = h('button.small', { type: 'button', 'data-testid': `clarify-${p.id}`, disabled: !canClarify, title: canClarify ? null : this.forms?.notAllowed() ?? null }, t('social.clarify'));
          const msg = messageBox(`clarify-msg-${p.id}`, t('cmd.messageClarify'), t('cmd.messageClarifyPlaceholder'), !canClarify);
          btn.addEventListener('click', () => void this.forms?.send({ type: 'publish_clarification', postId: p.id, ...(msg.value.trim() ? { message: msg.value.trim() } : {}) }, this.socialResult, btn!));
          extra = msg.parentElement;
        }
        return h(`li.post.${p.kind}${p.clarified ? '.clarified' : ''}`, { 'data-post': p.id },
          h('div.feed-meta', h('span.feed-time', `H+${tickClock(p.tick)}`),
            h(`span.chip.${p.kind === 'hoax' ? 'rumour' : 'order'}`, t(p.kind === 'hoax' ? 'social.hoax' : 'social.clarification')),
            p.clarified ? h('span.chip.order', `✓ ${t('social.clarified')}`) : null,
            p.areas.length ? h('span.muted.small', p.areas.map((a) => names.area(a)).join(', ')) : null),
          h('div.post-text', pick(p.text)), extra, btn ? h('div.actions.tight', btn) : null);
      }) : h('li.feed-empty', t('social.empty')));
      restoreForm(this.socialList, keptSocial);
    }
    const lk = lang() + JSON.stringify(view.complaints);
    if (lk !== this.laporKey) {
      this.laporKey = lk;
      const keptLapor = captureForm(this.laporList);
      const canAnswer = may(this.role, 'answer_complaint') && !!this.forms;
      const list = [...view.complaints].sort((a, b) => Number(a.answered) - Number(b.answered) || b.tick - a.tick);
      setChildren(this.laporList, list.length ? list.map((c) => {
        let btn: HTMLButtonElement | null = null;
        let extra: HTMLElement | null = null;
        if (!c.answered) {
          btn = h('button.small', { type: 'button', 'data-testid': `answer-${c.id}`, disabled: !canAnswer, title: canAnswer ? null : this.forms?.notAllowed() ?? null }, t('complaint.answer'));
          const msg = messageBox(`answer-msg-${c.id}`, t('cmd.messageAnswer'), t('cmd.messageAnswerPlaceholder'), !canAnswer);
          btn.addEventListener('click', () => void this.forms?.send({ type: 'answer_complaint', complaintId: c.id, ...(msg.value.trim() ? { message: msg.value.trim() } : {}) }, this.laporResult, btn!));
          extra = msg.parentElement;
        }
        return h(`li.complaint${c.answered ? '.answered' : ''}`, { 'data-complaint': c.id },
          h('div.feed-meta', h('span.feed-time', `H+${tickClock(c.tick)}`), h('strong', tMaybe(`complaint.${c.topic}`, c.topic)),
            c.answered ? h('span.chip.order', `✓ ${t('complaint.answered')}`) : null),
          h('div.muted.small', [c.area ? names.area(c.area) : '', c.shelter ? names.shelter(c.shelter) : ''].filter(Boolean).join(' · ')),
          extra, btn ? h('div.actions.tight', btn) : null);
      }) : h('li.feed-empty', t('complaint.empty')));
      restoreForm(this.laporList, keptLapor);
    }
  }
}


/** A labelled one-line message box (what the player writes with a clarification or an answer). */
function messageBox(id: string, label: string, placeholder: string, disabled: boolean): HTMLTextAreaElement {
  const input = h('textarea', { id, rows: 1, maxlength: 500, placeholder, disabled, 'data-testid': id });
  h('div.msg-box', h('label', { for: id }, label), input);
  return input;
}
