/**
 * What every "settings → engine → numbers" widget does with its form: whole-number inputs, a
 * reset to the paper's values, and an engine refusal shown next to the input that caused it
 * (role="alert" slots with the input's id + "-error", or the [data-general-error] slot), while the
 * last valid numbers stay visible and marked by [data-stale] and the `is-stale` class.
 */
export abstract class SettingsForm<Settings extends object> extends HTMLElement {
  protected initial = {} as Settings;

  connectedCallback(): void {
    this.initial = JSON.parse(this.dataset.initial ?? '{}') as Settings;
    this.querySelector('form')?.addEventListener('input', () => this.update());
    this.querySelector('[data-reset]')?.addEventListener('click', () => this.reset());
  }

  /** Reads the form and shows the result; called on every change. */
  abstract update(): void;

  protected inputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[name]')];
  }

  /** The inputs' values, or undefined after marking the first one that is not a whole number. */
  protected readWholeNumbers(notWhole: string): Settings | undefined {
    const settings: Record<string, number> = {};
    for (const input of this.inputs()) {
      const value = input.value.trim() === '' ? Number.NaN : Number(input.value);
      if (!Number.isInteger(value)) {
        this.showError(input.name, notWhole);
        return undefined;
      }
      settings[input.name] = value;
    }
    return settings as Settings;
  }

  protected reset(): void {
    for (const input of this.inputs()) input.value = String((this.initial as Record<string, unknown>)[input.name]);
    this.update();
  }

  /** `keepLastValid`: the numbers on screen are the last valid ones (marked stale); false when the widget shows what it could compute instead. */
  protected showError(control: string | undefined, message: string, keepLastValid = true): void {
    const input = this.inputs().find((i) => i.name === control);
    const slot = input ? this.querySelector<HTMLElement>(`#${CSS.escape(input.id)}-error`) : this.querySelector<HTMLElement>('[data-general-error]');
    input?.setAttribute('aria-invalid', 'true');
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
    }
    if (!keepLastValid) return;
    this.querySelector<HTMLElement>('[data-stale]')!.hidden = false;
    this.classList.add('is-stale');
  }

  protected clearErrors(): void {
    for (const input of this.inputs()) input.removeAttribute('aria-invalid');
    for (const slot of this.querySelectorAll<HTMLElement>('[role="alert"]')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    this.querySelector<HTMLElement>('[data-stale]')!.hidden = true;
    this.classList.remove('is-stale');
  }
}
