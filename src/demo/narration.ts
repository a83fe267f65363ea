/** A place to look at: a pull request, a check run, a release, a deployment, an issue, a file. */
export interface Link {
  label: string;
  url: string;
}

/** One step of the loop as the demo tells it: what ran, what was checked, where to look. */
export interface StoryStep {
  /** 1-based, in the order the steps ran. */
  index: number;
  title: string;
  /** What was checked, in one sentence. */
  detail: string;
  links: Link[];
  seconds: number;
}

/** A chart of the report: labelled series of values over the same categories. */
export interface Chart {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  /** How values read: a share (0–1, shown as %) or a plain number. */
  unit: 'share' | 'number';
}

/** Prints each step as one line while the loop runs, and keeps them for the report. */
export class Narrator {
  readonly steps: StoryStep[] = [];
  readonly charts: Chart[] = [];
  private last = performance.now();
  private readonly started = performance.now();

  constructor(private readonly say: (line: string) => void) {}

  step(title: string, detail: string, links: Link[] = []): void {
    const now = performance.now();
    const step: StoryStep = { index: this.steps.length + 1, title, detail, links, seconds: (now - this.last) / 1000 };
    this.last = now;
    this.steps.push(step);
    const where = links.length > 0 ? ` → ${links.map((link) => link.url).join(' ')}` : '';
    this.say(`${String(step.index).padStart(2)}. ${title}: ${detail}${where}`);
  }

  chart(chart: Chart): void {
    this.charts.push(chart);
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
