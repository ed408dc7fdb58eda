/** What kind of problem `lectern check` found on a slide. */
export type ProblemKind = 'overflow' | 'tofu' | 'image' | 'a11y';

/** One thing a speaker must fix (error) or should look at (warning) on a slide. */
export interface SlideProblem {
  kind: ProblemKind;
  severity: 'error' | 'warning';
  message: string;
  /** Overflow only: pixels past the right edge of the slide's safe area, in slide coordinates. */
  dx?: number;
  /** Overflow only: pixels below the bottom edge of the slide's safe area, in slide coordinates. */
  dy?: number;
  /** axe-core only: the rule that failed, e.g. `color-contrast`. */
  rule?: string;
}

/** The check result for one slide. */
export interface SlideCheck {
  /** 0-based slide index (`data-slide`); shown 1-based to people. */
  index: number;
  template: string;
  title: string;
  /** Source line the slide came from. */
  line?: number;
  problems: SlideProblem[];
}

/** The result of checking a deck: every slide (problems may be empty) and the totals. */
export interface CheckReport {
  slides: SlideCheck[];
  errors: number;
  warnings: number;
}
