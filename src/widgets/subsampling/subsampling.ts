/**
 * <subsampling-lab>: moves the coefficient and bias into the engine's subsampling layer
 * (through model.ts) and redraws the trainable output, the squash plot and the readouts. The
 * input, average and max maps do not depend on the sliders and stay as rendered at build time.
 */
import { drawMap, drawSquash, MAP_PX } from './draw.ts';
import { fixed, readout, SubsamplingLab } from './model.ts';
import { words as w } from './words.ts';
import type { Lang } from '../../i18n.ts';

interface MapData {
  size: number;
  values: number[];
  start: { coefficient: number; bias: number };
}

class SubsamplingElement extends HTMLElement {
  private language: Lang = 'en';
  private lab!: SubsamplingLab;
  private start = { coefficient: 0, bias: 0 };

  connectedCallback(): void {
    this.language = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    const data = JSON.parse(this.dataset.map ?? '{}') as MapData;
    this.lab = new SubsamplingLab({ size: data.size, values: data.values });
    this.start = data.start;
    this.querySelector('form')?.addEventListener('input', () => this.update());
    this.querySelector('[data-reset]')?.addEventListener('click', () => {
      this.slider('coefficient').value = String(this.start.coefficient);
      this.slider('bias').value = String(this.start.bias);
      this.update();
    });
  }

  private slider(name: 'coefficient' | 'bias'): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  private set(selector: string, text: string): void {
    const el = this.querySelector(selector);
    if (el) el.textContent = text;
  }

  update(): void {
    const coefficient = Number(this.slider('coefficient').value);
    const bias = Number(this.slider('bias').value);
    for (const [name, v] of [['coefficient', coefficient], ['bias', bias]] as const) {
      this.set(`[data-readout="${name}"]`, fixed(v));
      this.slider(name).setAttribute('aria-valuetext', fixed(v));
    }
    const lab = this.lab;
    const result = lab.trainable(coefficient, bias);
    const r = readout(lab, result);
    const size = result.size;
    const lang = this.language;
    const mark = { row: Math.floor(lab.focus / size), col: lab.focus % size, side: 1 };
    this.querySelector('[data-draw="trainable"]')!.innerHTML = drawMap(result.out, size, MAP_PX, `${w.trainable[lang]} ${size}×${size}`, mark);
    this.querySelector('[data-draw="curve"]')!.innerHTML = drawSquash(result.pre, result.out, lab.focus, w.curve[lang]);
    this.set('[data-value="sum"]', fixed(r.sum, 3));
    this.set('[data-value="pre"]', fixed(r.pre, 3));
    this.set('[data-value="out"]', fixed(r.out, 3));
    this.set('[data-value="range"]', `${fixed(r.min)} … ${fixed(r.max)}`);
    this.set('[data-value="saturated"]', `${r.saturated} ${w.of[lang]} ${r.units}`);
  }
}

if (!customElements.get('subsampling-lab')) customElements.define('subsampling-lab', SubsamplingElement);
