/**
 * @prefdissect/pipeline: the steps from upstream files to REPORT.md (fetch → weights → notebooks
 * → figures → report) live in the Node-only entry `@prefdissect/pipeline/node`. This entry holds
 * the pure parts: the weights setting the notebooks read, and the stored form of a notebook file.
 */
export { parseWeightSource, type WeightSourceSetting } from "./weights-source.js";
export {
  NOTEBOOK_FILE,
  NotebookSchema,
  TSLAB_LANGUAGE_INFO,
  storedForm,
  notebookText,
  isStoredForm,
  joinText,
  type Notebook,
  type NotebookCell,
} from "./notebook-file.js";
