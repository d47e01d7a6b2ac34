/**
 * <network-editor>: reads the three controls, asks the engine (through model.ts) to analyse the
 * modified LeNet-5, and fills the table — or shows the engine's explanation next to the control
 * that caused it (or, when a later layer no longer fits, under the controls), keeping the last
 * valid table visible and marked.
 */
import { SettingsForm } from '../../lib/settings-form.ts';
import { computeNetwork, shapeText, type EditorSettings } from './model.ts';
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

  private set(key: string, text: string): void {
    const cell = this.querySelector<HTMLElement>(`[data-cell="${key}"]`);
    if (!cell) return;
    cell.textContent = text;
    const changed = key in this.paper && this.paper[key] !== text;
    cell.classList.toggle('changed', changed);
    if (changed) cell.title = say('changed', this.locale);
    else cell.removeAttribute('title');
  }

  update(): void {
    this.clearErrors();
    const settings = this.readWholeNumbers(say('notWhole', this.locale));
    if (!settings) return;
    const result = computeNetwork(settings);
    if (!result.ok) {
      const message = describeSpecError(result.error, this.locale);
      this.showError(result.control, result.control ? message : `${say('laterLayer', this.locale)} ${message}`);
      return;
    }
    const a = result.analysis;
    this.set('input:output', shapeText(a.input));
    for (const l of a.layers) {
      this.set(`${l.name}:output`, shapeText(l.output));
      this.set(`${l.name}:params`, formatCount(l.params));
      this.set(`${l.name}:fixed`, formatCount(l.fixedParams));
      this.set(`${l.name}:connections`, formatCount(l.connections));
    }
    this.set('total:params', formatCount(a.total.params));
    this.set('total:connections', formatCount(a.total.connections));
    const note = this.querySelector<HTMLElement>('[data-table-note]')!;
    note.textContent = result.c3TableKept ? note.dataset.kept! : note.dataset.dropped!.replace('{maps}', String(settings.c1Maps));
  }
}

if (!customElements.get('network-editor')) customElements.define('network-editor', NetworkEditor);
