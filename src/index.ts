/**
 * Lectern's library API. Each stage is a function with typed input and output:
 * `ingest` (text → SourceDocument) → `plan` (→ DeckPlan) → `render` (→ RenderedDeck) →
 * `exportSlidesPdf` (deck folder + plan → finished PDF bytes; `exportHandoutPdf` for handouts;
 * `exportPptx` for an editable PowerPoint file with speaker notes, from the plan alone).
 * `buildFile`/`build` run them all and write files; `check` measures decks; `startServer` previews.
 */
export { ingest, type IngestOptions } from './ingest/index.js';
export { decodeBytes } from './ingest/decode.js';
export { toOutlineMarkdown } from './ingest/outline.js';
export { plan, type PlanOptions } from './plan/index.js';
export { render, type RenderedDeck, type RenderOptions, type DeckFile } from './render/index.js';
export { loadTemplates, type TemplateSet } from './render/templates.js';
export { exportSlidesPdf, openPrintView } from './export/pdf.js';
export { exportHandoutPdf } from './export/handout.js';
export { exportPptx, type PptxOptions, type PptxResult, type MathRenderer, type PptxPicture } from './export/pptx/index.js';
export { finishPdf } from './export/pdf-meta.js';
export { browserSession, type BrowserSession } from './browser/launch.js';
export { findBrowser } from './browser/find.js';
export { build, buildFile, check, prepare, loadDocument, collectInputs, deckName, type BuildResult, type BuildFailure, type PlannedInput, type BuildEvent, type BuildOutput, type BuildHooks, type BuildFileHooks, type RunHooks, type CheckResult } from './pipeline.js';
export { resolveConfig, loadConfigFile, type ConfigFlags } from './config/resolve.js';
export { defaults, themeNames, type ResolvedConfig } from './config/schema.js';
export { LecternError, ErrorCodes, exitCodes, type ErrorCode } from './errors.js';
export type * from './model/document.js';
export type * from './model/plan.js';
export type * from './model/diagnostics.js';
export { version } from './version.js';
export { startServer, type ServeOptions, type ServeResult } from './server/index.js';
