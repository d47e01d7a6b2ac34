/**
 * <network-editor>: reads the three controls, asks the engine (through model.ts) to analyse the
 * modified LeNet-5, and fills the table — or shows the engine's explanation next to the control
 * that caused it (or, when a later layer no longer fits, under the controls), keeping the last
 * valid table visible and marked.
 */
import { computeNetwork, shapeText, type EditorControl, type EditorSettings } from './model.ts';
import { say } from './words.ts';
import { describeSpecError, formatCount, type Lang } from '../../i18n.ts';

class NetworkEditor extends HTMLElement {
  private locale: Lang = 'en';
  private initial = {} as EditorSettings;
  private paper: Record<string, string> = {};

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.initial = JSON.parse(this.dataset.initial ?? '{}') as EditorSettings;
    this.paper = JSON.parse(this.dataset.paper ?? '{}') as Record<string, string>;
    this.querySelector('form')?.addEventListener('input', () => this.update());
    this.querySelector('[data-reset]')?.addEventListener('click', () => this.reset());
  }

  private inputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[name]')];
  }

  private reset(): void {
    for (const input of this.inputs()) input.value = String(this.initial[input.name as EditorControl]);
    this.update();
  }

  private showError(control: string | undefined, message: string): void {
    const input = this.inputs().find((i) => i.name === control);
    const slot = input ? this.querySelector<HTMLElement>(`#${CSS.escape(input.id)}-error`) : this.querySelector<HTMLElement>('[data-general-error]');
    input?.setAttribute('aria-invalid', 'true');
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
    }
    this.querySelector<HTMLElement>('[data-stale]')!.hidden = false;
    this.classList.add('is-stale');
  }

  private clearErrors(): void {
    for (const input of this.inputs()) input.removeAttribute('aria-invalid');
    for (const slot of this.querySelectorAll<HTMLElement>('.ne-error')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    this.querySelector<HTMLElement>('[data-stale]')!.hidden = true;
    this.classList.remove('is-stale');
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
    const settings = {} as EditorSettings;
    for (const input of this.inputs()) {
      const value = input.value.trim() === '' ? Number.NaN : Number(input.value);
      if (!Number.isInteger(value)) {
        this.showError(input.name, say('notWhole', this.locale));
        return;
      }
      settings[input.name as EditorControl] = value;
    }
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
