import * as pptxgenjs from 'pptxgenjs';

// pptxgenjs's type definitions describe a CommonJS module, so under NodeNext TypeScript finds
// the class at `.default.default`; Node loads the package's ES build, where it is `.default`.
type Ctor = typeof pptxgenjs.default.default;
const loaded = pptxgenjs.default as unknown as Ctor | { default: Ctor };

/** pptxgenjs's presentation class. */
export const PptxGenJS: Ctor = 'default' in loaded ? loaded.default : loaded;
/** A presentation being written. */
export type Pptx = InstanceType<Ctor>;
/** One slide of it. */
export type Slide = ReturnType<Pptx['addSlide']>;
/** A run of text with its options. */
export type TextProps = Extract<Parameters<Slide['addText']>[0], unknown[]>[number];
/** Options of a run, a paragraph or a text box. */
export type TextPropsOptions = NonNullable<Parameters<Slide['addText']>[1]>;
