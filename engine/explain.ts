/**
 * The counting formulas of each layer, in TeX, both symbolic and with the layer's own numbers
 * substituted — e.g. C1's parameters (5·5+1)·6 = 156. The site shows these; they are built here,
 * next to the analysis they explain, so a page can never print a formula that disagrees with
 * the count beside it.
 */
import type { LayerReport } from './analyze.ts';
import type { LayerSpec } from './spec.ts';
import { inputMapsOf } from './layers/conv.ts';

/**
 * The few words inside the formulas, so that a page can show them in its own language;
 * everything else in a formula is symbols and numbers.
 */
export interface FormulaWords {
  maps: string;
  params: string;
  macs: string;
  paddingNote: string;
  realTaps: string;
  noWeights: string;
  comparisonsOnly: string;
  units: string;
  distances: string;
  trainable: string;
  fixed: string;
  classes: string;
}

export const ENGLISH_FORMULA_WORDS: FormulaWords = {
  maps: 'maps', params: 'params', macs: 'MACs', paddingNote: 'padding is no input',
  realTaps: 'kernel taps on real input', noWeights: 'no weights', comparisonsOnly: 'comparisons only',
  units: 'units', distances: 'distances', trainable: 'trainable', fixed: 'fixed', classes: 'classes',
};

export interface Formula {
  /** What is counted: 'output', 'params', 'connections' or 'macs'. */
  quantity: 'output' | 'params' | 'connections' | 'macs';
  symbolic: string;
  substituted: string;
}

/** A whole number in TeX with thin-space-free thousands separators: 122{,}304. */
export const texNumber = (n: number): string => Math.round(n).toLocaleString('en-US').replace(/,/g, '{,}');

const t = texNumber;

/** Runs of consecutive equal values, e.g. [3,3,4] → [{value:3,count:2},{value:4,count:1}]. */
function runs(values: number[]): { value: number; count: number }[] {
  const out: { value: number; count: number }[] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last.value === v) last.count++;
    else out.push({ value: v, count: 1 });
  }
  return out;
}

export function explainLayer(spec: LayerSpec, report: LayerReport, words: FormulaWords = ENGLISH_FORMULA_WORDS): Formula[] {
  const { input, output } = report;
  const word = (key: keyof FormulaWords) => `\\text{${words[key]}}`;
  const hw = `${output.height}\\cdot ${output.width}`;
  switch (spec.kind) {
    case 'conv': {
      const k = spec.kernel;
      const s = spec.stride ?? 1;
      const p = spec.padding ?? 0;
      const perMap = inputMapsOf(spec, input.maps).map((sources) => sources.length);
      const groups = runs(perMap);
      const paramTerms = groups.map((g) => `${g.count > 1 || groups.length > 1 ? `${g.count}\\cdot ` : ''}(${g.value}\\cdot ${k}\\cdot ${k}+1)`);
      const uniform = groups.length === 1;
      const paramsSub = uniform
        ? `(${groups[0].value}\\cdot ${k}\\cdot ${k}+1)\\cdot ${spec.maps} = ${t(report.params)}`
        : `${paramTerms.join(' + ')} = ${t(report.params)}`;
      const macTerms = uniform ? `${groups[0].value}\\cdot ${k}\\cdot ${k}\\cdot ${spec.maps}` : `${t(report.macs / (p === 0 ? output.height * output.width : 1))}`;
      const noPadding = p === 0;
      return [
        {
          quantity: 'output',
          symbolic: `\\displaystyle H_{out} = \\left\\lfloor \\frac{H_{in} + 2p - k}{s} \\right\\rfloor + 1`,
          substituted: `\\displaystyle \\left\\lfloor \\frac{${input.height} + 2\\cdot ${p} - ${k}}{${s}} \\right\\rfloor + 1 = ${output.height}`,
        },
        {
          quantity: 'params',
          symbolic: uniform ? `(n_{in}\\cdot k^2 + 1)\\cdot m` : `\\sum_{${word('maps')}\\ o} (n_o\\cdot k^2 + 1)`,
          substituted: paramsSub,
        },
        noPadding
          ? {
            quantity: 'connections',
            symbolic: `${word('params')}\\cdot H_{out}\\cdot W_{out}`,
            substituted: `${t(report.params)}\\cdot ${hw} = ${t(report.connections)}`,
          }
          : {
            quantity: 'connections',
            symbolic: `${word('macs')} + m\\cdot H_{out}\\cdot W_{out}\\quad(${word('paddingNote')})`,
            substituted: `${t(report.macs)} + ${spec.maps}\\cdot ${hw} = ${t(report.connections)}`,
          },
        noPadding
          ? {
            quantity: 'macs',
            symbolic: uniform ? `n_{in}\\cdot k^2\\cdot m\\cdot H_{out}\\cdot W_{out}` : `\\sum_o n_o\\cdot k^2\\cdot H_{out}\\cdot W_{out}`,
            substituted: `${macTerms}\\cdot ${hw} = ${t(report.macs)}`,
          }
          : {
            quantity: 'macs',
            symbolic: `\\sum_o n_o \\cdot (${word('realTaps')})`,
            substituted: `${t(report.macs)}`,
          },
      ];
    }
    case 'subsample': {
      const w = spec.window;
      const s = spec.stride ?? w;
      const trainable = spec.pool === 'trainable';
      const units = output.maps * output.height * output.width;
      return [
        {
          quantity: 'output',
          symbolic: `\\displaystyle H_{out} = \\left\\lfloor \\frac{H_{in} - w}{s} \\right\\rfloor + 1`,
          substituted: `\\displaystyle \\left\\lfloor \\frac{${input.height} - ${w}}{${s}} \\right\\rfloor + 1 = ${output.height}`,
        },
        {
          quantity: 'params',
          symbolic: trainable ? `(1 + 1)\\cdot m` : `0 \\quad(${word('noWeights')})`,
          substituted: trainable ? `(1+1)\\cdot ${output.maps} = ${t(report.params)}` : `0`,
        },
        {
          quantity: 'connections',
          symbolic: trainable ? `(w^2 + 1)\\cdot m\\cdot H_{out}\\cdot W_{out}` : `w^2\\cdot m\\cdot H_{out}\\cdot W_{out}`,
          substituted: `${trainable ? `(${w}\\cdot ${w}+1)` : `${w}\\cdot ${w}`}\\cdot ${output.maps}\\cdot ${hw} = ${t(report.connections)}`,
        },
        {
          quantity: 'macs',
          symbolic: spec.pool === 'max' ? `0 \\quad(${word('comparisonsOnly')})` : `m\\cdot H_{out}\\cdot W_{out}`,
          substituted: spec.pool === 'max' ? `0` : `${output.maps}\\cdot ${hw} = ${t(units)}`,
        },
      ];
    }
    case 'full': {
      const n = input.maps * input.height * input.width;
      return [
        { quantity: 'output', symbolic: word('units'), substituted: `${output.maps}` },
        { quantity: 'params', symbolic: `(n_{in} + 1)\\cdot ${word('units')}`, substituted: `(${t(n)} + 1)\\cdot ${output.maps} = ${t(report.params)}` },
        { quantity: 'connections', symbolic: `(n_{in} + 1)\\cdot ${word('units')}`, substituted: `(${t(n)} + 1)\\cdot ${output.maps} = ${t(report.connections)}` },
        { quantity: 'macs', symbolic: `n_{in}\\cdot ${word('units')}`, substituted: `${t(n)}\\cdot ${output.maps} = ${t(report.macs)}` },
      ];
    }
    case 'rbf': {
      const n = input.maps * input.height * input.width;
      return [
        { quantity: 'output', symbolic: `y_i = \\sum_j (x_j - w_{ij})^2`, substituted: `${output.maps}\\ ${word('distances')}` },
        { quantity: 'params', symbolic: `0\\ ${word('trainable')};\\ ${word('classes')}\\cdot n_{in}\\ ${word('fixed')}`, substituted: `0;\\ ${output.maps}\\cdot ${n} = ${t(report.fixedParams)}` },
        { quantity: 'connections', symbolic: `${word('classes')}\\cdot n_{in}`, substituted: `${output.maps}\\cdot ${n} = ${t(report.connections)}` },
        { quantity: 'macs', symbolic: `${word('classes')}\\cdot n_{in}`, substituted: `${output.maps}\\cdot ${n} = ${t(report.macs)}` },
      ];
    }
  }
}
