/**
 * <c5-growth>: reads the input size, asks the engine (through model.ts) for the whole network's
 * analysis, and redraws. An impossible size shows the engine's explanation next to the control;
 * the last size that worked stays visible, dimmed.
 */
import { drawMap } from './draw.ts';
import { grow, shapeText, type Grown } from './model.ts';
import { words as w } from './words.ts';
import { describeSpecError, formatCount, type Lang } from '../../i18n.ts';

class C5Growth extends HTMLElement {
  private language: Lang = 'en';

  connectedCallback(): void {
    this.language = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.slider.addEventListener('input', () => this.update());
    this.querySelector('[data-reset]')?.addEventListener('click', () => {
      this.slider.value = this.dataset.paper ?? '32';
      this.update();
    });
  }

  private get slider(): HTMLInputElement {
    return this.querySelector<HTMLInputElement>('input[name="inputSize"]')!;
  }

  private set(key: string, text: string): void {
    const el = this.querySelector(`[data-value="${key}"]`);
    if (el) el.textContent = text;
  }

  update(): void {
    const size = Number(this.slider.value);
    this.set('input', `${size}×${size}`);
    this.slider.setAttribute('aria-valuetext', `${size}×${size}`);
    const g = grow(size);
    const error = this.querySelector<HTMLElement>('[role="alert"]')!;
    const stale = this.querySelector<HTMLElement>('[data-stale]')!;
    if (!g.ok) {
      error.textContent = describeSpecError(g.error, this.language);
      error.hidden = false;
      stale.hidden = false;
      this.slider.setAttribute('aria-invalid', 'true');
      this.classList.add('is-stale');
      return;
    }
    error.hidden = true;
    error.textContent = '';
    stale.hidden = true;
    this.slider.removeAttribute('aria-invalid');
    this.classList.remove('is-stale');
    this.show(g);
  }

  private show(g: Grown): void {
    const { s4, c5 } = { s4: g.s4.output, c5: g.c5.output };
    const lang = this.language;
    this.set('c5', shapeText(c5));
    this.set('params', formatCount(g.c5.params));
    this.set('connections', formatCount(g.c5.connections));
    this.set('s4size', `${s4.height}×${s4.width}`);
    this.set('c5size', `${c5.height}×${c5.width}`);
    this.querySelector('[data-draw="s4"]')!.innerHTML = drawMap(s4.height, s4.width, `${w.s4Map[lang]} ${s4.height}×${s4.width}`, g.kernel);
    this.querySelector('[data-draw="c5"]')!.innerHTML = drawMap(c5.height, c5.width, `${w.c5Map[lang]} ${c5.height}×${c5.width}`);
    const input = this.querySelector('[data-shape="input"]');
    if (input) input.textContent = shapeText(g.input);
    for (const l of g.layers) {
      const cell = this.querySelector(`[data-shape="${l.name}"]`);
      if (cell) cell.textContent = shapeText(l.output);
    }
  }
}

if (!customElements.get('c5-growth')) customElements.define('c5-growth', C5Growth);
