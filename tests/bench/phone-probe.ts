// What the phone benchmark runs inside the page, before the app's own scripts: a clock on what
// the person sees. Times are performance.now() in the page, so ms since the navigation began,
// with no round trip to the bench in them. It also types the PIN the moment the lock screen
// can take it (automation types instantly) so that a start measures the app, not the typing.

export type Settled = {
  /** The last click or key press before the screen showed (the person's tap). */
  input: number;
  /** The condition held in the DOM. */
  dom: number;
  /** The frame after it was painted (next animation frame, then the task after it). */
  painted: number;
};

/** What a start recorded, in ms since navigation. */
export type StartMarks = {
  unlockReady?: number;
  pinSubmitted?: number;
  unlockGone?: number;
  rows?: number;
  rowsPainted?: number;
};

/** Screens the bench waits for, by what is on them once they show their data. */
export const SCREEN_SELECTORS = {
  /** A hamlet's household list with its rows: #/thon/<code>. */
  hamletRows: 'main a.household-row',
  /** The search screen with its answer: rows, or "Không tìm thấy". */
  searchResults: 'main.search a.household-row, main.search p.empty',
  /** The toast a save ends with. */
  savedToast: '.toast',
  /** The lead's grid with its cells. */
  dashboard: 'main.dashboard table.dash-grid td.cell',
  /** Who to visit next, once counted (its summary line). */
  followUp: 'main.follow-up p.notice[role="status"]',
} as const;

export type ScreenName = keyof typeof SCREEN_SELECTORS;

export type Probe = {
  start: StartMarks;
  /** Watches for a screen from now on; `settled` then resolves when it shows. */
  arm(screen: ScreenName): void;
  settled(screen: ScreenName): Promise<Settled>;
  /** A fixed piece of work, to check the CPU slowdown is in effect: its duration in ms. */
  spin(): number;
  /**
   * Resolves once the page has nothing to do (an idle period of 40 ms or more), or after 5 s:
   * a person types for seconds before a tap, so the page's work after the typing is done by then.
   */
  idle(): Promise<void>;
};

/** Runs in the page (page.addInitScript): keep it self-contained, no imports at run time. */
export function installProbe(options: { pin: string | null; selectors: Record<string, string> }): void {
  const start: StartMarks = {};
  let lastInput = 0;
  const armed = new Map<string, { input: number; resolve?: (s: Settled) => void; result?: Settled; dom?: number }>();
  const afterPaint = (done: () => void) => requestAnimationFrame(() => setTimeout(done, 0));

  const typePin = (pin: string) => {
    const input = document.querySelector<HTMLInputElement>('main.unlock input[type="password"]');
    const form = input?.form;
    if (!input || !form) return false;
    start.unlockReady = performance.now();
    input.value = pin;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The app reads the PIN from its state, set by the render that follows the input event.
    setTimeout(() => {
      start.pinSubmitted = performance.now();
      form.requestSubmit();
    }, 0);
    return true;
  };

  const check = () => {
    const now = performance.now();
    if (options.pin !== null && start.unlockReady === undefined) typePin(options.pin);
    if (start.pinSubmitted !== undefined && start.unlockGone === undefined && document.querySelector('main.unlock') === null) start.unlockGone = now;
    if (start.unlockGone !== undefined && start.rows === undefined && document.querySelector(options.selectors.hamletRows ?? 'a.household-row')) {
      start.rows = now;
      afterPaint(() => (start.rowsPainted = performance.now()));
    }
    for (const [screen, watch] of armed) {
      if (watch.dom !== undefined) continue;
      const selector = options.selectors[screen];
      if (selector === undefined || document.querySelector(selector) === null) continue;
      watch.dom = now;
      const input = lastInput;
      afterPaint(() => {
        const result = { input, dom: now, painted: performance.now() };
        watch.result = result;
        watch.resolve?.(result);
      });
    }
  };

  const onInput = () => {
    lastInput = performance.now();
  };
  addEventListener('click', onInput, true);
  addEventListener('keydown', onInput, true);
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });

  const probe: Probe = {
    start,
    arm(screen) {
      armed.set(screen, { input: 0 });
    },
    settled(screen) {
      const watch = armed.get(screen);
      if (watch === undefined) return Promise.reject(new Error(`${screen} was not armed`));
      check();
      return new Promise<Settled>((resolve) => {
        if (watch.result) resolve(watch.result);
        else watch.resolve = resolve;
      }).finally(() => armed.delete(screen));
    },
    spin() {
      const began = performance.now();
      let x = 0;
      for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
      if (x < 0) console.log(x);
      return performance.now() - began;
    },
    idle() {
      const began = performance.now();
      return new Promise<void>((resolve) => {
        const check = (deadline: IdleDeadline) => {
          if (deadline.timeRemaining() >= 40 || performance.now() - began > 5_000) resolve();
          else requestIdleCallback(check);
        };
        requestIdleCallback(check);
      });
    },
  };
  (window as unknown as { __benchProbe: Probe }).__benchProbe = probe;
}
