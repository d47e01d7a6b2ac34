/**
 * The "Reproduce the paper" custom element: the seed, the buttons, the saved run and the chart.
 * Every number it shows comes from the worker's run (the engine's Trainer and evaluate), from the
 * saved run's record, or from the reference run's record (the shipped weights file); this file
 * only lays them out. It does no numerics and redraws little (one point per pass), so the
 * page's main thread stays free during the whole run.
 */
import { trainCommand, type PassRecord, type RunSettings } from '../../../engine/index.ts';
import type { Lang } from '../../i18n.ts';
import type { PackedMnist } from '../../lib/packed-mnist.ts';
import { commandArguments, downloadBytes } from '../training/model.ts';
import { saveHandoff } from '../training/handoff.ts';
import {
  Pace, errorPath, errorPercent, errorY, parseSeed, passX, readSaved, reproduceSettings, roughly, runSize, timeLeft,
  type FromWorker, type SavedRun, type ToWorker,
} from './model.ts';
import { discardRun, loadRun, saveRun } from './store.ts';
import { say, type WordKey } from './words.ts';

type Phase = 'idle' | 'saved' | 'loading' | 'running' | 'paused' | 'ended';

interface Reference { seed: number; passes: number; paper: number; history: { pass: number; testError: number }[] }

const LOCK = 'lenet5-reproduce';
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

class LenetReproduce extends HTMLElement {
  private language: Lang = 'en';
  private reference!: Reference;
  private size = { trainSize: 60000, passes: 20 };
  private worker: Worker | undefined;
  private phase: Phase = 'idle';
  private settings: RunSettings | undefined;
  private history: PassRecord[] = [];
  /** The weights file after the latest pass (this session's or the saved one). */
  private file: Uint8Array | undefined;
  private saved: SavedRun | undefined;
  /** False once the browser has refused to keep the run. */
  private storage = true;
  private pace = new Pace();
  private testSeconds: number | null = null;
  private estimated = false;
  private releaseLock: (() => void) | undefined;

  connectedCallback(): void {
    this.language = (this.dataset.lang as Lang) ?? 'en';
    this.reference = JSON.parse(this.dataset.reference ?? '{}') as Reference;
    this.size = runSize(location.search);
    if (this.size.trainSize !== 60000 || this.size.passes !== 20) {
      const manifest = JSON.parse(this.dataset.manifest ?? '{}') as PackedMnist;
      const mb = (downloadBytes(this.size.trainSize, manifest) / 1e6).toFixed(1);
      this.q('[data-plan]').textContent = this.say('plan', { passes: this.size.passes, size: n(this.size.trainSize), mb });
      const note = this.q('[data-shortened]');
      note.textContent = this.say('shortened', { passes: this.size.passes, size: n(this.size.trainSize) });
      note.hidden = false;
    }
    this.addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action === 'start') void this.start();
      else if (action === 'continue') void this.start(this.saved);
      else if (action === 'pause') this.send({ type: 'pause' });
      else if (action === 'resume') this.send({ type: 'resume' });
      else if (action === 'stop') this.send({ type: 'stop' });
      else if (action === 'discard') void this.discard();
      else if (action === 'download') this.download();
      else if (action === 'playground') this.toPlayground();
    });
    this.seedInput.addEventListener('input', () => this.showCommand());
    this.showCommand();
    void this.lookForSavedRun();
  }

  private q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  private say(key: WordKey, vars: Record<string, string | number> = {}): string {
    return say(key, this.language, vars);
  }

  private get seedInput(): HTMLInputElement {
    return this.q<HTMLInputElement>('input[name="seed"]');
  }

  private showCommand(): void {
    const parsed = parseSeed(this.seedInput.value);
    if (!parsed.ok) return;
    const pieces = commandArguments(`npx ${trainCommand(reproduceSettings(parsed.seed, this.size))}`);
    this.q('[data-command]').replaceChildren(...pieces.flatMap((a, i) => {
      const piece = document.createElement('span');
      piece.className = 'arg';
      piece.textContent = a;
      return i ? [' ', piece] : [piece];
    }));
  }

  // ── The run saved in this browser ─────────────────────────────────────────────────────────

  private async lookForSavedRun(): Promise<void> {
    const stored = await loadRun();
    if (!stored.ok) {
      this.storage = false;
      this.note(this.say('noStorage'));
      return;
    }
    if (stored.value === undefined) return;
    const read = readSaved(stored.value);
    if (!read.ok) {
      await discardRun();
      this.note(this.say('savedBad', { why: this.say(`why-${read.why}`) }));
      return;
    }
    if (this.phase !== 'idle') return;
    this.offer(read.run);
  }

  /** Shows a saved run: its passes on the chart, its file for download, and Resume (unless it is finished). */
  private offer(run: SavedRun): void {
    this.saved = run;
    const r = run.record;
    this.file = run.file;
    this.history = [...r.history];
    this.drawHistory();
    const last = r.history[r.history.length - 1];
    const finished = r.history.length >= r.passesPlanned;
    this.q('[data-saved-text]').textContent = finished
      ? this.say('savedDone', { seed: r.seed, passes: r.passesPlanned, error: errorPercent(last.testError) })
      : this.say('saved', { seed: r.seed, pass: r.history.length, passes: r.passesPlanned, error: errorPercent(last.testError) });
    const resume = this.q<HTMLButtonElement>('[data-action="continue"]');
    resume.textContent = this.say('resumeFrom', { pass: r.history.length });
    resume.hidden = finished;
    this.q('[data-saved]').hidden = false;
    this.q<HTMLProgressElement>('progress').value = r.history.length / r.passesPlanned;
    if (this.phase !== 'ended') this.status(this.say(finished ? 'idle' : 'notRunning'));
    this.setPhase(finished ? 'idle' : 'saved');
  }

  private async discard(): Promise<void> {
    await discardRun();
    this.saved = undefined;
    this.file = undefined;
    this.history = [];
    this.drawHistory();
    this.q('[data-saved]').hidden = true;
    this.q<HTMLProgressElement>('progress').value = 0;
    this.status(this.say('idle'));
    this.setPhase('idle');
  }

  private note(text: string): void {
    const p = this.q('[data-storage-note]');
    p.textContent = text;
    p.hidden = false;
  }

  // ── Running ───────────────────────────────────────────────────────────────────────────────

  private async start(resume?: SavedRun): Promise<void> {
    let settings: RunSettings;
    const error = this.q('[data-seed-error]');
    if (resume) {
      settings = reproduceSettings(resume.record.seed, { trainSize: resume.record.trainSize, passes: resume.record.passesPlanned });
      this.seedInput.value = String(resume.record.seed);
      this.showCommand();
    } else {
      const parsed = parseSeed(this.seedInput.value);
      this.seedInput.setAttribute('aria-invalid', String(!parsed.ok));
      error.hidden = parsed.ok;
      if (!parsed.ok) {
        error.textContent = this.say('seedError', { max: n(parsed.max) });
        this.seedInput.focus();
        return;
      }
      settings = reproduceSettings(parsed.seed, this.size);
    }
    error.hidden = true;
    // One run at a time across this site's tabs: they share the saved run. The buttons are
    // disabled while the lock is asked for, so a double click cannot ask twice.
    const before = this.phase;
    this.setPhase('loading');
    if (!(await this.takeLock())) {
      this.setPhase(before);
      this.status(this.say('otherTab'), 'error');
      return;
    }
    this.settings = settings;
    this.history = resume ? [...resume.record.history] : [];
    this.file = resume?.file;
    this.drawHistory();
    this.pace = new Pace();
    this.testSeconds = null;
    this.estimated = false;
    this.q('[data-saved]').hidden = true;
    this.q('[data-sent]').hidden = true;
    this.status(this.say('loading', { loaded: '0.0', total: '…' }));
    this.send({ type: 'start', base: this.dataset.base ?? '/', settings, resume: resume?.file });
  }

  /** Holds the site-wide lock while a run goes on; false if another tab holds it. Browsers without Web Locks run unguarded. */
  private takeLock(): Promise<boolean> {
    if (!('locks' in navigator)) return Promise.resolve(true);
    return new Promise((answer) => {
      void navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) {
          answer(false);
          return undefined;
        }
        answer(true);
        return new Promise<void>((release) => { this.releaseLock = release; });
      });
    });
  }

  private ended(): void {
    this.releaseLock?.();
    this.releaseLock = undefined;
  }

  private send(m: ToWorker): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
      this.worker.onerror = (e) => this.fail(e.message || 'worker error');
    }
    this.worker.postMessage(m);
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.setPhase('ended');
    this.ended();
    this.status(this.say('workerError', { message }), 'error');
  }

  private onMessage(m: FromWorker): void {
    const s = this.settings;
    if (!s) return;
    switch (m.type) {
      case 'loading':
        this.status(this.say('loading', { loaded: (m.loaded / 1e6).toFixed(1), total: (m.total / 1e6).toFixed(1) }));
        this.q<HTMLProgressElement>('progress').value = m.total ? m.loaded / m.total : 0;
        break;
      case 'load-failed':
        this.setPhase(this.saved ? 'saved' : 'idle');
        this.ended();
        this.status(this.say('loadFailed', { why: m.message }), 'error');
        break;
      case 'progress': {
        if (this.phase === 'loading') this.setPhase('running');
        if (this.phase !== 'running') break;
        const done = (m.pass - 1) * m.passSize + m.seen;
        const total = m.passes * m.passSize;
        this.pace.add(done, m.trainSeconds);
        this.q<HTMLProgressElement>('progress').value = done / total;
        const perSecond = this.pace.perSecond();
        const left = timeLeft({ samplesLeft: total - done, perSecond, testsLeft: m.passes - m.pass + 1, testSeconds: this.testSeconds });
        const where = { pass: m.pass, passes: m.passes, seen: n(m.seen), size: n(m.passSize) };
        if (!left || perSecond === null) {
          this.status(this.say('measuring', where));
          break;
        }
        const time = this.time(left.seconds);
        this.status(this.say(left.withTests ? 'running' : 'runningNoTests', { ...where, speed: n(perSecond), left: time }));
        if (!this.estimated) {
          this.estimated = true;
          this.announce(this.say('announceEstimate', { left: time }));
        }
        break;
      }
      case 'testing':
        if (this.phase === 'running') this.status(this.say('testing', { pass: m.pass, done: n(m.done) }));
        break;
      case 'pass-done':
        void this.passDone(m);
        break;
      case 'paused':
        this.setPhase('paused');
        this.status(this.say('paused', { pass: this.history.length + 1 }), 'news');
        break;
      case 'resumed':
        this.setPhase('running');
        break;
      case 'stopped': {
        this.setPhase('ended');
        this.ended();
        const pass = this.history.length;
        this.status(pass === 0 ? this.say('stoppedEarly') : this.say(this.storage ? 'stopped' : 'stoppedUnsaved', { pass }), 'news');
        if (pass > 0 && this.file && this.storage) {
          const read = readSaved({ file: this.file });
          if (read.ok) this.offer(read.run);
        }
        break;
      }
      case 'diverged':
        this.setPhase('ended');
        this.ended();
        this.status(this.say('diverged', { pass: m.pass, message: m.message }), 'error');
        break;
      case 'error':
        this.fail(m.message);
        break;
    }
  }

  private async passDone(m: Extract<FromWorker, { type: 'pass-done' }>): Promise<void> {
    const s = this.settings!;
    const file = new Uint8Array(m.file);
    this.file = file;
    this.history.push(m.entry);
    this.testSeconds = m.testSeconds;
    // For readers of the DOM (and the benchmark): how long the latest test over the 10,000 test digits took.
    this.dataset.testSeconds = m.testSeconds.toFixed(2);
    this.drawHistory();
    const ref = this.reference.history[m.entry.pass - 1];
    this.announce(this.say('announcePass', { pass: m.entry.pass, passes: s.passes, error: errorPercent(m.entry.testError), ref: ref ? errorPercent(ref.testError) : '–' }));
    if (m.finished) {
      this.setPhase('ended');
      this.ended();
      this.q<HTMLProgressElement>('progress').value = 1;
      const work = this.history.reduce((sum, p) => sum + p.seconds, 0);
      const last = this.reference.history[this.reference.history.length - 1];
      this.status(this.say('done', { passes: s.passes, error: errorPercent(m.entry.testError), ref: errorPercent(last.testError), paper: errorPercent(this.reference.paper), time: this.time(work) }), 'news');
    }
    if (!this.storage) return;
    const saved = await saveRun(file);
    // For readers of the DOM (and the browser tests): the last pass this browser has kept.
    if (saved.ok) this.dataset.savedPasses = String(m.entry.pass);
    else {
      this.storage = false;
      this.note(this.say(saved.why === 'full' ? 'storageFull' : 'storageFailed', { pass: m.entry.pass }));
    }
  }

  // ── Drawing ───────────────────────────────────────────────────────────────────────────────

  private drawHistory(): void {
    const axis = this.reference.passes;
    this.q('[data-yours]').setAttribute('d', errorPath(this.history, axis));
    const ns = 'http://www.w3.org/2000/svg';
    this.q('[data-yours-points]').replaceChildren(...this.history.map((p) => {
      const c = document.createElementNS(ns, 'circle');
      c.setAttribute('class', 'yours');
      c.setAttribute('cx', passX(p.pass, axis).toFixed(1));
      c.setAttribute('cy', errorY(p.testError).toFixed(1));
      c.setAttribute('r', '4');
      return c;
    }));
    this.querySelectorAll<HTMLElement>('[data-yours-cell]').forEach((cell, i) => {
      const p = this.history[i];
      cell.textContent = p ? errorPercent(p.testError) : '–';
    });
    this.dataset.passes = String(this.history.length);
  }

  private time(seconds: number): string {
    const r = roughly(seconds);
    return this.say(r.unit === 's' ? 'seconds' : 'minutes', { n: r.value });
  }

  /** The status line (not live: it changes four times a second); `kind` 'error' and 'news' are also announced. */
  private status(text: string, kind: 'info' | 'news' | 'error' = 'info'): void {
    const p = this.q('[data-status]');
    p.textContent = text;
    p.classList.toggle('error', kind === 'error');
    if (kind !== 'info') this.announce(text);
  }

  /** For screen readers: the pass ends, the first estimate and nothing more (the status line changes four times a second). */
  private announce(text: string): void {
    this.q('[data-announce]').textContent = text;
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.dataset.phase = phase;
    const unfinishedSaved = phase === 'saved';
    const enable: Record<string, boolean> = {
      start: (phase === 'idle' || phase === 'ended') && !unfinishedSaved,
      pause: phase === 'running',
      resume: phase === 'paused',
      stop: phase === 'loading' || phase === 'running' || phase === 'paused',
      download: Boolean(this.file) && phase !== 'loading' && phase !== 'running',
      playground: Boolean(this.file) && phase !== 'loading' && phase !== 'running',
    };
    for (const [name, on] of Object.entries(enable)) this.q<HTMLButtonElement>(`[data-action="${name}"]`).disabled = !on;
    this.seedInput.disabled = !(phase === 'idle' || phase === 'ended');
  }

  // ── The weights ───────────────────────────────────────────────────────────────────────────

  private download(): void {
    if (!this.file || !this.settings && !this.saved) return;
    const seed = this.settings?.seed ?? this.saved!.record.seed;
    const blob = new Blob([this.file as BlobPart], { type: 'application/octet-stream' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `lenet5-faithful-seed${seed}-pass${this.history.length}.bin`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  private toPlayground(): void {
    if (!this.file) return;
    const last = this.history[this.history.length - 1];
    const seed = this.settings?.seed ?? this.saved?.record.seed ?? 0;
    saveHandoff({ bytes: this.file, label: this.say('handoffLabel', { seed, passes: this.history.length, error: last ? errorPercent(last.testError) : '–' }) });
    this.q('[data-sent]').hidden = false;
  }
}

if (!customElements.get('lenet-reproduce')) customElements.define('lenet-reproduce', LenetReproduce);
