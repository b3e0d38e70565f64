// Light, dark, or following the system, chosen in the header and kept in localStorage. The page
// always carries the resolved theme as <html data-theme="light|dark"> (app.css holds one dark
// block under it), so the choice wins over the system's in both directions.
import { themeChart } from './charts.js';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'beaconwatch.theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return CHOICES.includes(v as ThemeChoice) ? (v as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

class Theme {
  choice = $state<ThemeChoice>(stored());
  readonly #system = window.matchMedia('(prefers-color-scheme: dark)');

  constructor() {
    // the system's own switch (dusk, a user's setting) is followed while "follow the system" is on
    this.#system.addEventListener('change', () => this.apply());
    this.apply();
  }

  get resolved(): 'light' | 'dark' {
    return this.choice === 'system' ? (this.#system.matches ? 'dark' : 'light') : this.choice;
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      /* storage may be disabled: the choice holds for this page */
    }
    this.apply();
  }

  apply(): void {
    const root = document.documentElement;
    root.dataset['theme'] = this.resolved;
    root.style.colorScheme = this.resolved;
    // charts read their colours from the page's variables: charts drawn from now on follow
    themeChart();
  }
}

export const theme = new Theme();
