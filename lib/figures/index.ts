/** The `plot` namespace: figure builders that return plotly figure JSON, for `show`, `renderSvg` and `renderPng`. */
export { COLORS, PLAYGROUND_SCALE, BACKGROUND_SCALE } from "./style";
export { REGION, outputScale, decisionBoundary, dataPlot, neuronLines, surface3d } from "./plane";
export type { Region, PlaneArgs, BoundaryArgs, DataPlotArgs, SurfaceArgs } from "./plane";
export { sideBySide, neuronMaps } from "./panels";
export type { SideBySideArgs, NeuronMapArgs } from "./panels";
export { historyPlot, runsPlot, activationPlot, gradientPlot, deadUnitsPlot } from "./curves";
export type { HistoryArgs, RunGroup, RunsPlotArgs, ActivationPlotArgs, DiagnosticPlotArgs } from "./curves";
export { filmstrip, animation } from "./film";
export type { FilmArgs } from "./film";
export { snapshots } from "../engine/snapshots";
export type { Snapshot } from "../engine/snapshots";
