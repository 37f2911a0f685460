// The benchmark worker's workflows: production's, plus the minimal baseline. Workflow code only.
export * from "../../workflows";
export { benchMinimalWorkflow } from "./bench-minimal.workflow";
