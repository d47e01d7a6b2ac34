/**
 * <subsampling-lab>: the reader picks a map and moves the coefficient and bias; the engine's
 * subsampling layer (through model.ts) recomputes and view.ts redraws. Picking a map redraws all
 * four maps and puts the sliders at that map's own coefficient and bias; moving a slider only
 * redraws what depends on it.
 */
import { fixed, SubsamplingLab } from './model.ts';
import { view, type Drawn, type Printed } from './view.ts';
import type { Lang } from '../../i18n.ts';

interface MapsData {
  size: number;
  maps: { values: number[]; start: { coefficient: number; bias: number } }[];
}

const SLIDERS = ['coefficient', 'bias'] as const;
const PRINTED: Printed[] = ['sum', 'pre', 'out', 'range', 'saturated'];

class SubsamplingElement extends HTMLElement {
  private language: Lang = 'en';
  private data: MapsData = { size: 0, maps: [] };
  private lab!: SubsamplingLab;
  private map = 0;

  connectedCallback(): void {
    this.language = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.data = JSON.parse(this.dataset.maps ?? '{}') as MapsData;
    this.pick(Number(this.picker.value), false);
    this.picker.addEventListener('change', () => this.pick(Number(this.picker.value), true));
    for (const name of SLIDERS) this.slider(name).addEventListener('input', () => this.update(['trainable', 'curve']));
    this.querySelector('[data-reset]')?.addEventListener('click', () => this.pick(this.map, true));
  }

  private get picker(): HTMLSelectElement {
    return this.querySelector<HTMLSelectElement>('select[name="map"]')!;
  }

  private slider(name: (typeof SLIDERS)[number]): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  /** Shows map `m` with its own coefficient and bias; `redraw` false keeps the build-time picture. */
  private pick(m: number, redraw: boolean): void {
    this.map = m;
    const { size, maps } = this.data;
    this.lab = new SubsamplingLab({ size, values: maps[m].values });
    for (const name of SLIDERS) this.slider(name).value = String(maps[m].start[name]);
    if (redraw) this.update(['input', 'trainable', 'average', 'max', 'curve']);
  }

  private update(redraw: Drawn[]): void {
    const coefficient = Number(this.slider('coefficient').value);
    const bias = Number(this.slider('bias').value);
    for (const [name, value] of [['coefficient', coefficient], ['bias', bias]] as const) {
      this.querySelector(`[data-readout="${name}"]`)!.textContent = fixed(value);
      this.slider(name).setAttribute('aria-valuetext', fixed(value));
    }
    const v = view(this.lab, coefficient, bias, this.language);
    for (const key of redraw) this.querySelector(`[data-draw="${key}"]`)!.innerHTML = v.svg[key];
    for (const key of PRINTED) this.querySelector(`[data-value="${key}"]`)!.textContent = v.text[key];
  }
}

if (!customElements.get('subsampling-lab')) customElements.define('subsampling-lab', SubsamplingElement);
