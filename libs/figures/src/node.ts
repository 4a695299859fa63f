/**
 * Node-only entry of @prefdissect/figures: rasterising to PNG (resvg, a native module) and writing
 * a figure's files (`<name>.svg`, `.png`, `.json`).
 */
export { svgToPng, PNG_ZOOM } from "./png.js";
export { writeFigureFiles, removeFigureFiles, type WrittenFigure } from "./write.js";
