/** <f6-code>: the reader picks a test digit; its F6 state is redrawn beside the nearest code (compare.ts). */
import { paintComparison } from './compare.ts';
import type { SampleF6 } from './samples.ts';
import { decodeDigits } from '../../lib/digits.ts';
import { paintGrey } from '../../lib/draw.ts';
import type { Lang } from '../../i18n.ts';

class F6Code extends HTMLElement {
  connectedCallback(): void {
    const lang: Lang = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    const states = JSON.parse(this.dataset.states ?? '[]') as SampleF6[];
    const digits = decodeDigits(this.dataset.pixels ?? '', states.map(({ index, label }) => ({ index, label })));
    const select = this.querySelector<HTMLSelectElement>('[data-digit-select]')!;
    const show = (): void => {
      const i = Number(select.value);
      paintGrey(this.querySelector<HTMLCanvasElement>('[data-thumb]')!, digits[i].pixels, 28, 28);
      paintComparison(this.querySelector('[data-f6-compare]')!, states[i].f6, lang);
      this.dataset.index = String(states[i].index);
    };
    select.addEventListener('change', show);
    show();
  }
}

if (!customElements.get('f6-code')) customElements.define('f6-code', F6Code);
