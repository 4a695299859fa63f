/**
 * Node-only entry of @prefdissect/pipeline: loading what the figures are drawn from, drawing them,
 * executing the notebooks headlessly and writing the report. `pd figures`, `pd report`,
 * `pd verify` (and so the Makefile) call these.
 */
export { loadFigureWeights, parseExtraJudges, refitIsSynthetic, EXTRA_JUDGES_ENV, SYNTHETIC_REFIT_NOTE, type FigureWeights } from "./inputs/weights.js";
export { loadJudgeRuns, parseJudgeRuns, JUDGE_RUNS_ENV, type JudgeRuns, type JudgeRunFolders } from "./inputs/judge-runs.js";
export { loadFigureDataset, loadRefitIntervals, DEFAULT_FIGURE_DATA, type FigureDataset } from "./inputs/dataset.js";
export {
  openAnalysis,
  notebookFiguresDir,
  NotebookAnalysis,
  WeightsAnalysis,
  DatasetAnalysis,
  RefitAnalysis,
  JudgeRunsAnalysis,
  SCRATCH_FIGURES_DIR,
  type AnalysisInput,
  type NotebookDisplay,
} from "./notebook/analysis.js";
export { runNotebooks, DEFAULT_FIGURES_DIR, DEFAULT_EXECUTED_DIR, type RunNotebooksOptions } from "./notebooks/run.js";
export { checkJupyter, JUPYTER_INSTALL_HINT } from "./notebooks/check.js";
export { listNotebooks, selectNotebooks } from "./notebooks/list.js";
export { failingCellIndex, cellErrorText, executeNotebook } from "./notebooks/execute.js";
export { notebookEnvironment, repoJupyterPath } from "./notebooks/environment.js";
export { defaultNotebookSelection, NOTEBOOK_INPUTS, type NotebookInput, type NotebookSelection } from "./notebooks/selection.js";
export { writeReport, type ReportOptions, type WrittenReport } from "./report.js";
