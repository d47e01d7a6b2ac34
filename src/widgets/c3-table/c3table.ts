/**
 * <c3-connection-table>: keeps the reader's table, asks the engine (through model.ts) what it
 * costs, and shows the counts and formulas — or, for a C3 map left with no input, the engine's
 * explanation with the empty column highlighted, while the last valid numbers stay visible.
 */
import katex from 'katex';
import { denseTable, evaluate, familyRuns, isConnected, paperTable, presetOf, randomTable, toggle, type Table } from './model.ts';
import { familyName } from './words.ts';
import type { UnitEvent } from '../activations/activations.ts';
import { describeSpecError, formatCount, formulaWords, type Lang } from '../../i18n.ts';

class C3ConnectionTable extends HTMLElement {
  private table: Table = paperTable();
  private language: Lang = 'en';
  private seed = 0;
  private randomSeed: number | undefined;
  /** The C3 map the activations widget on the page has open, if any. */
  private picked: number | undefined;

  connectedCallback(): void {
    this.language = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.addEventListener('click', (e) => this.onClick(e));
    this.querySelector('tbody')?.addEventListener('keydown', (e) => this.onKey(e));
    document.addEventListener('lenet:unit', (e) => {
      const { layer, map } = (e as CustomEvent<UnitEvent>).detail;
      if (layer !== 'C3' || map === this.picked) return;
      this.picked = map;
      this.showPicked();
    });
  }

  /** Outlines the picked C3 map's column — its row of Table I — and says which S2 maps it takes. */
  private showPicked(): void {
    const o = this.picked;
    for (const e of this.querySelectorAll('[data-picked]')) e.removeAttribute('data-picked');
    const status = this.querySelector<HTMLElement>('[data-picked-status]')!;
    if (o === undefined) return;
    for (const e of this.querySelectorAll(`[data-column="${o}"]`)) e.setAttribute('data-picked', '');
    status.textContent = status.dataset.template!.replace('{o}', String(o)).replace('{maps}', this.table[o].join(', '));
    status.hidden = false;
  }

  private cells(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>('button.cell')];
  }

  private cell(c3: number, s2: number): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`button.cell[data-c3="${c3}"][data-s2="${s2}"]`);
  }

  private onClick(e: Event): void {
    const button = (e.target as HTMLElement).closest('button');
    if (!button) return;
    if (button.dataset.preset === 'paper') this.load(paperTable(), undefined);
    else if (button.dataset.preset === 'dense') this.load(denseTable(), undefined);
    else if (button.dataset.preset === 'random') {
      this.seed += 1;
      this.load(randomTable(this.seed), this.seed);
    } else if (button.classList.contains('cell')) {
      this.load(toggle(this.table, Number(button.dataset.c3), Number(button.dataset.s2)), undefined);
    }
  }

  /** Arrow keys move between cells (one tab stop for the whole grid); Space and Enter toggle, as buttons do. */
  private onKey(e: KeyboardEvent): void {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button.cell');
    if (!button) return;
    let c3 = Number(button.dataset.c3);
    let s2 = Number(button.dataset.s2);
    const maxC3 = this.table.length - 1;
    const maxS2 = Math.max(...this.cells().map((b) => Number(b.dataset.s2)));
    switch (e.key) {
      case 'ArrowRight': c3 = Math.min(c3 + 1, maxC3); break;
      case 'ArrowLeft': c3 = Math.max(c3 - 1, 0); break;
      case 'ArrowDown': s2 = Math.min(s2 + 1, maxS2); break;
      case 'ArrowUp': s2 = Math.max(s2 - 1, 0); break;
      case 'Home': c3 = 0; break;
      case 'End': c3 = maxC3; break;
      default: return;
    }
    e.preventDefault();
    const next = this.cell(c3, s2);
    if (!next) return;
    for (const b of this.cells()) b.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }

  private load(table: Table, seed: number | undefined): void {
    this.table = table;
    this.randomSeed = seed;
    this.update();
  }

  update(): void {
    for (const b of this.cells()) b.setAttribute('aria-pressed', String(isConnected(this.table, Number(b.dataset.c3), Number(b.dataset.s2))));
    for (const td of this.querySelectorAll<HTMLElement>('[data-count]')) td.textContent = String(this.table[Number(td.dataset.count)].length);
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const preset = presetOf(this.table);
    status.textContent = preset === 'paper' ? status.dataset.paper!
      : preset === 'dense' ? status.dataset.dense!
        : this.randomSeed !== undefined ? status.dataset.random!.replace('{seed}', String(this.randomSeed))
          : status.dataset.edited!;

    const families = this.querySelector<HTMLElement>('[data-families]')!;
    const label = families.querySelector('th')!;
    families.replaceChildren(label, ...familyRuns(this.table).map((run) => {
      const th = document.createElement('th');
      th.scope = 'colgroup';
      th.colSpan = run.count;
      th.dataset.family = String(run.first);
      th.textContent = familyName(this.language, run.family);
      return th;
    }));
    this.showPicked();

    const error = this.querySelector<HTMLElement>('[data-error]')!;
    const stale = this.querySelector<HTMLElement>('[data-stale]')!;
    for (const el of this.querySelectorAll('.empty')) el.classList.remove('empty');
    const result = evaluate(this.table, formulaWords[this.language]);
    if (!result.ok) {
      for (const o of result.emptyMaps) for (const el of this.querySelectorAll(`[data-column="${o}"]`)) el.classList.add('empty');
      const hint = (this.querySelector('template[data-empty-hint]') as HTMLTemplateElement).content.textContent ?? '';
      const maps = result.emptyMaps.join(', ');
      error.querySelector('[data-error-engine]')!.textContent = describeSpecError(result.error, this.language);
      error.querySelector('[data-error-hint]')!.textContent = result.emptyMaps.length ? hint.replace('{maps}', maps) : '';
      error.hidden = false;
      stale.hidden = false;
      this.classList.add('is-stale');
      return;
    }
    error.hidden = true;
    for (const p of error.querySelectorAll('p')) p.textContent = '';
    stale.hidden = true;
    this.classList.remove('is-stale');
    const set = (key: string, n: number) => { this.querySelector(`[data-value="${key}"]`)!.textContent = formatCount(n); };
    set('params', result.c3.params);
    set('connections', result.c3.connections);
    set('total', result.total.params);
    for (const f of result.formulas) {
      const row = this.querySelector(`[data-formula="${f.quantity}"]`);
      if (!row) continue;
      katex.render(f.symbolic, row.querySelector<HTMLElement>('[data-tex="symbolic"]')!, { throwOnError: false });
      katex.render(f.substituted, row.querySelector<HTMLElement>('[data-tex="substituted"]')!, { throwOnError: false });
    }
  }
}

if (!customElements.get('c3-connection-table')) customElements.define('c3-connection-table', C3ConnectionTable);
