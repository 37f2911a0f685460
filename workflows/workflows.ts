// Every workflow the worker registers. Workflow code only: no I/O, no Node built-ins.
export { pingWorkflow } from "./health/ping.workflow";
