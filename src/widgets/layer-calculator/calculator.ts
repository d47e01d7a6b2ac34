/**
 * <layer-calculator>: reads the controls, asks the engine (through model.ts) for the layer's
 * counts and formulas, and shows them — or, for an impossible setting, the engine's explanation
 * next to the control that caused it, while the last valid numbers stay visible and marked.
 */
import katex from 'katex';
import { SettingsForm } from '../../lib/settings-form.ts';
import { compute, paperLayer, type Paper, type Settings } from './model.ts';
import { calculatorWords, describeSpecError, formatCount, formulaWords, type Lang } from '../../i18n.ts';

class LayerCalculator extends SettingsForm<Settings> {
  private paper!: Paper;
  private locale: Lang = 'en';

  override connectedCallback(): void {
    super.connectedCallback();
    this.paper = paperLayer(this.dataset.layer ?? '');
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
  }

  update(): void {
    this.clearErrors();
    const settings = this.readWholeNumbers(calculatorWords.notWhole[this.locale]);
    if (!settings) return;
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
