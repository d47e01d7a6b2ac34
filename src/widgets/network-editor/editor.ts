/**
 * <network-editor>: reads the three controls, asks the engine (through model.ts) to analyse the
 * modified LeNet-5, and fills the table — or shows the engine's explanation next to the control
 * that caused it (or, when a later layer no longer fits, under the controls), keeping the last
 * valid table visible and marked.
 */
import { SettingsForm } from '../../lib/settings-form.ts';
import { computeNetwork, shapeText, type BrokenChain, type EditorSettings } from './model.ts';
import type { LayerReport } from '../../../engine/index.ts';
import { say } from './words.ts';
import { describeSpecError, formatCount, type Lang } from '../../i18n.ts';

class NetworkEditor extends SettingsForm<EditorSettings> {
  private locale: Lang = 'en';
  private paper: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.paper = JSON.parse(this.dataset.paper ?? '{}') as Record<string, string>;
  }

  /** Fills one cell; `compare` marks a number that differs from the paper's (a dash for "not built" is not a number). */
  private set(key: string, text: string, compare = true): void {
    const cell = this.querySelector<HTMLElement>(`[data-cell="${key}"]`);
    if (!cell) return;
    cell.textContent = text;
    const changed = compare && key in this.paper && this.paper[key] !== text;
    cell.classList.toggle('changed', changed);
    if (changed) cell.title = say('changed', this.locale);
    else cell.removeAttribute('title');
  }

  update(): void {
    this.clearErrors();
    const settings = this.readWholeNumbers(say('notWhole', this.locale));
    if (!settings) return;
    const result = computeNetwork(settings);
    const chain = this.querySelector<HTMLOListElement>('[data-chain]')!;
    chain.hidden = true;
    if (!result.ok) {
      const message = describeSpecError(result.error, this.locale);
      // A Chinese sentence runs on after its full-width colon; an English one takes a space.
      const text = result.control ? message : `${say('laterLayer', this.locale)}${this.locale === 'zh-CN' ? '' : ' '}${message}`;
      // A layer that refuses: the table shows how far the input got, layer by layer, and stops
      // there. A refused input size: nothing to show but the last valid table, marked stale.
      if (!result.chain) {
        this.showError(result.control, text);
        return;
      }
      this.showError(result.control, text, false);
      this.showChain(result.chain);
      return;
    }
    const a = result.analysis;
    this.set('input:output', shapeText(a.input));
    for (const l of a.layers) this.setLayer(l);
    this.set('total:params', formatCount(a.total.params));
    this.set('total:connections', formatCount(a.total.connections));
    const note = this.querySelector<HTMLElement>('[data-table-note]')!;
    note.textContent = result.c3TableKept ? note.dataset.kept! : note.dataset.dropped!.replace('{maps}', String(settings.c1Maps));
  }

  private setLayer(l: LayerReport): void {
    this.set(`${l.name}:output`, shapeText(l.output));
    this.set(`${l.name}:params`, formatCount(l.params));
    this.set(`${l.name}:fixed`, formatCount(l.fixedParams));
    this.querySelector<HTMLElement>(`[data-cell="${l.name}:fixed"]`)?.closest<HTMLElement>('.fixed')?.removeAttribute('hidden');
    this.set(`${l.name}:connections`, formatCount(l.connections));
  }

  /** The layers built (their real numbers), ✗ at the layer that refused, dashes after it; and the chain above the table. */
  private showChain(c: BrokenChain): void {
    const none = '–';
    this.set('input:output', shapeText(c.input));
    for (const l of c.built) this.setLayer(l);
    for (const name of [c.failed, ...c.notReached]) {
      this.set(`${name}:output`, name === c.failed ? '✗' : none, false);
      this.set(`${name}:params`, none, false);
      this.set(`${name}:connections`, none, false);
      this.querySelector<HTMLElement>(`[data-cell="${name}:fixed"]`)?.closest<HTMLElement>('.fixed')?.setAttribute('hidden', '');
    }
    this.set('total:params', none, false);
    this.set('total:connections', none, false);
    const item = (name: string, shape: string, failed = false): HTMLLIElement => {
      const li = document.createElement('li');
      const b = document.createElement('b');
      b.textContent = name;
      li.append(b, ` ${shape}`);
      li.classList.toggle('is-failed', failed);
      return li;
    };
    const chain = this.querySelector<HTMLOListElement>('[data-chain]')!;
    chain.replaceChildren(
      item(say('input', this.locale), shapeText(c.input)),
      ...c.built.map((l) => item(l.name, shapeText(l.output))),
      item(c.failed, `✗ ${say('stopsHere', this.locale)}`, true),
    );
    chain.hidden = false;
  }
}

if (!customElements.get('network-editor')) customElements.define('network-editor', NetworkEditor);
