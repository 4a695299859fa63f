/**
 * Node-only entry of @prefdissect/figures: rendering (vega → SVG → PNG), writing figure files and
 * loading the weights a notebook plots.
 */
export { renderSvg, svgToPng, normalizeSvg, PNG_ZOOM } from "./render.js";
export { writeFigureFiles, type WrittenFigure } from "./write.js";
export { parseWeightSource, type WeightSourceSetting } from "./weights-source.js";
export { loadFigureInputs, drawFigure, type FigureInputs } from "./draw.js";
export { runNotebooks, DEFAULT_FIGURES_DIR, DEFAULT_EXECUTED_DIR, type RunNotebooksOptions } from "./jupyter/run.js";
export { checkJupyter, JUPYTER_INSTALL_HINT } from "./jupyter/check.js";
export { listNotebooks, selectNotebooks } from "./jupyter/notebooks.js";
export { failingCellIndex, cellErrorText, executeNotebook } from "./jupyter/execute.js";
export { notebookEnvironment, repoJupyterPath } from "./jupyter/environment.js";
export {
  loadDatasetFigureInputs,
  loadRefitIntervals,
  drawInputFigure,
  drawPlannedFigure,
  removeFigureFiles,
  DEFAULT_FIGURE_DATA,
  type DatasetFigureInputs,
} from "./inputs-node.js";
export { defaultNotebookSelection, NOTEBOOK_INPUTS, type NotebookInput, type NotebookSelection } from "./jupyter/notebook-inputs.js";
export { loadPaperFigureInputs, refitIsSynthetic, SYNTHETIC_REFIT_NOTE } from "./paper-inputs-node.js";
