/**
 * <layer-calculator>: reads the controls, asks the engine (through model.ts) for the layer's
 * counts and formulas, and shows them — or, for an impossible setting, the engine's explanation
 * next to the control that caused it, while the last valid numbers stay visible and marked.
 */
import katex from 'katex';
import { compute, paperLayer, type Control, type Paper, type Settings } from './model.ts';
import { calculatorWords, describeSpecError, formatCount, formulaWords, type Lang } from '../../i18n.ts';

class LayerCalculator extends HTMLElement {
  private paper!: Paper;
  private locale: Lang = 'en';
  private initial: Settings = {};

  connectedCallback(): void {
    this.paper = paperLayer(this.dataset.layer ?? '');
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.initial = JSON.parse(this.dataset.initial ?? '{}') as Settings;
    this.querySelector('form')?.addEventListener('input', () => this.update());
    this.querySelector('[data-reset]')?.addEventListener('click', () => this.reset());
  }

  private inputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[name]')];
  }

  private reset(): void {
    for (const input of this.inputs()) input.value = String(this.initial[input.name as Control]);
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
    for (const slot of this.querySelectorAll<HTMLElement>('.calc-error')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    this.querySelector<HTMLElement>('[data-stale]')!.hidden = true;
    this.classList.remove('is-stale');
  }

  update(): void {
    this.clearErrors();
    const settings: Settings = {};
    for (const input of this.inputs()) {
      const value = input.value.trim() === '' ? Number.NaN : Number(input.value);
      if (!Number.isInteger(value)) {
        this.showError(input.name, calculatorWords.notWhole[this.locale]);
        return;
      }
      settings[input.name as Control] = value;
    }
    const result = compute(this.paper, settings, formulaWords[this.locale]);
    if (!result.ok) {
      this.showError(result.control, describeSpecError(result.error, this.locale));
      return;
    }
    const { report: r, formulas, usesTable } = result;
    const set = (key: string, text: string) => { this.querySelector(`[data-value="${key}"]`)!.textContent = text; };
    set('output', `${r.output.maps}@${r.output.height}×${r.output.width}`);
    set('params', formatCount(r.params));
    set('connections', formatCount(r.connections));
    set('macs', formatCount(r.macs));
    const note = this.querySelector<HTMLElement>('[data-table-note]');
    if (note) note.textContent = (usesTable ? note.dataset.kept : note.dataset.dropped) ?? '';
    for (const f of formulas) {
      const row = this.querySelector(`[data-formula="${f.quantity}"]`);
      if (!row) continue;
      katex.render(f.symbolic, row.querySelector<HTMLElement>('[data-tex="symbolic"]')!, { throwOnError: false });
      katex.render(f.substituted, row.querySelector<HTMLElement>('[data-tex="substituted"]')!, { throwOnError: false });
    }
  }
}

if (!customElements.get('layer-calculator')) customElements.define('layer-calculator', LayerCalculator);
