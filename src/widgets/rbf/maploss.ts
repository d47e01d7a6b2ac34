/**
 * <map-loss>: the reader picks a test digit and moves j; the plain and the MAP loss, the formula
 * with the digit's distances substituted, and the shares of Z (each wrong class's push) are
 * redrawn from the engine's `mapBreakdown` (through map.ts).
 */
import { formatDistance2, formatValue, mapView, parseJ, type MapView } from './map.ts';
import { subscript } from './model.ts';
import { say } from './words.ts';
import { decodeDigits } from '../../lib/digits.ts';
import { paintGrey } from '../../lib/draw.ts';
import type { Lang } from '../../i18n.ts';

interface Sample { index: number; label: number; distances: number[] }

/** e^{x} as text with its exponent raised. */
function power(x: string, className?: string): HTMLElement {
  const span = document.createElement('span');
  if (className) span.className = className;
  const sup = document.createElement('sup');
  sup.textContent = x;
  span.append('e', sup);
  return span;
}

class MapLoss extends HTMLElement {
  private locale: Lang = 'en';
  private samples: Sample[] = [];

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.samples = JSON.parse(this.dataset.samples ?? '[]') as Sample[];
    const digits = decodeDigits(this.dataset.pixels ?? '', this.samples.map(({ index, label }) => ({ index, label })));
    const select = this.querySelector<HTMLSelectElement>('[data-digit-select]')!;
    const slider = this.querySelector<HTMLInputElement>('[data-j]')!;
    const update = (): void => {
      const i = Number(select.value);
      paintGrey(this.querySelector<HTMLCanvasElement>('[data-thumb]')!, digits[i].pixels, 28, 28);
      const j = parseJ(slider.value);
      this.querySelector('[data-j-value]')!.textContent = String(j);
      this.render(mapView(this.samples[i].distances, this.samples[i].label, j), this.samples[i]);
    };
    select.addEventListener('change', update);
    slider.addEventListener('input', update);
    update();
  }

  private say(key: Parameters<typeof say>[0], vars: Record<string, string | number> = {}): string {
    return say(key, this.locale, vars);
  }

  private render(v: MapView, sample: Sample): void {
    const D = v.label;
    const k = subscript(D);
    this.dataset.index = String(sample.index);
    this.dataset.j = String(v.j);
    this.dataset.plain = String(v.plain);
    this.dataset.map = String(v.value);
    this.querySelector('[data-plain]')!.textContent = this.say('plainLine', { k, y: formatDistance2(v.plain) });

    // E = y_D + log(e^{−j} + Σᵢ e^{−yᵢ}) = y_D + log(e^{−j} + e^{−y₀} + …) = y_D + (log Z) = E
    const formula = this.querySelector<HTMLElement>('[data-formula]')!;
    const sum: (Node | string)[] = [power(`−${v.j}`, 'rubbish')];
    sample.distances.forEach((y, i) => sum.push(' + ', power(`−${formatDistance2(y)}`, i === D ? 'right' : undefined)));
    formula.replaceChildren(
      this.say('mapName'), ` E = y${k} + log(`, power('−j'), ' + Σᵢ ', power('−yᵢ'), ') = ',
      `${formatDistance2(v.plain)} + log(`, ...sum, `) = ${formatDistance2(v.plain)} + (${formatValue(v.logSum)}) = `,
    );
    const total = document.createElement('strong');
    total.textContent = formatValue(v.value);
    formula.append(total);

    const wrong = v.share.map((p, i) => ({ p, i })).filter((x) => x.i !== D).sort((a, b) => b.p - a.p)[0];
    this.querySelector('[data-pull]')!.textContent = this.say('pullLine', {
      k, pull: formatValue(v.gradient[D]), push: formatValue(v.pushTotal), nearest: wrong.i, nearestPush: formatValue(wrong.p),
    });

    const rows = v.share.map((p, i) => ({ who: String(i), p, kind: i === D ? 'right' : 'wrong', i }));
    rows.push({ who: 'j', p: v.rubbish, kind: 'rubbish', i: -1 });
    this.querySelector('[data-shares]')!.replaceChildren(...rows.map((r) => {
      const li = document.createElement('li');
      li.className = r.kind;
      li.dataset.class = r.who;
      li.dataset.share = String(r.p);
      if (r.i >= 0) li.dataset.gradient = String(v.gradient[r.i]);
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = r.who;
      const track = document.createElement('span');
      track.className = 'track';
      track.setAttribute('aria-hidden', 'true');
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${(100 * r.p).toFixed(2)}%`;
      bar.style.display = 'block';
      track.append(bar);
      const what = document.createElement('span');
      what.className = 'what';
      const s = subscript(r.i);
      what.textContent = r.kind === 'right' ? this.say('shareRight', { k: s, p: formatValue(r.p), pull: formatValue(v.gradient[r.i]) })
        : r.kind === 'wrong' ? this.say('shareWrong', { k: s, p: formatValue(r.p) })
          : this.say('shareRubbish', { p: formatValue(r.p) });
      li.append(who, track, what);
      return li;
    }));
  }
}

if (!customElements.get('map-loss')) customElements.define('map-loss', MapLoss);
