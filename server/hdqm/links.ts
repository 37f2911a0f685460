/**
 * Links from a run to the CMS tools that show the same run (DOMAIN.md, "External systems"). The
 * bases come from the configuration (DQM_GUI_URL, OMS_URL, RUN_REGISTRY_URL, ELOG_URL; a test
 * deployment points them at its own instances); the defaults are CERN's production services.
 */
import type { AppConfig } from "../config/config";

export interface LinkBases {
  readonly dqmGui: string;
  readonly oms: string;
  readonly runRegistry: string;
  readonly elog: string;
}

/** CERN's production services: the configuration's defaults. */
export const defaultLinkBases: LinkBases = {
  dqmGui: "https://cmsweb.cern.ch/dqm/offline/start",
  oms: "https://cmsoms.cern.ch/cms/runs/report",
  runRegistry: "https://cmsrunregistry.web.cern.ch/offline/datasets/global",
  elog: "https://cmsonline.cern.ch/webcenter/portal/cmsonline/pages_common/elog",
};

export function linkBasesOf(cfg: Pick<AppConfig, "DQM_GUI_URL" | "OMS_URL" | "RUN_REGISTRY_URL" | "ELOG_URL">): LinkBases {
  return { dqmGui: cfg.DQM_GUI_URL, oms: cfg.OMS_URL, runRegistry: cfg.RUN_REGISTRY_URL, elog: cfg.ELOG_URL };
}

/** `start?runnr=<run>;dataset=<dataset>;workspace=<ws>;root=<folder>;focus=<ME>` (DQM GUI's URL state). */
export function dqmGuiLink(bases: LinkBases, run: number, dataset: string, mePath: string | null, workspace = "Everything"): string {
  const folder = mePath ? mePath.split("/").slice(0, -1).join("/") : "";
  const parts = [`runnr=${run}`, `dataset=${dataset}`, `workspace=${workspace}`, `root=${folder}`, ...(mePath ? [`focus=${mePath}`] : [])];
  return `${bases.dqmGui}?${parts.join(";")}`;
}

export function omsLink(bases: LinkBases, run: number): string {
  return `${bases.oms}?cms_run=${run}`;
}

export function runRegistryLink(bases: LinkBases, run: number): string {
  return `${bases.runRegistry}?run_number=${run}`;
}

/** The elog's search for a run (its entries mention the run number). */
export function elogLink(bases: LinkBases, run: number): string {
  return `${bases.elog}?search=${run}`;
}
