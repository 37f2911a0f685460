/** Links from a trend point to the CMS tools that show the same run (DOMAIN.md, "External systems"). */
export const externalBases = {
  dqmGui: "https://cmsweb.cern.ch/dqm/offline/start",
  oms: "https://cmsoms.cern.ch/cms/runs/report",
  runRegistry: "https://cmsrunregistry.web.cern.ch/offline/datasets/global",
} as const;

/** `start?runnr=<run>;dataset=<dataset>;workspace=<ws>;root=<folder>;focus=<ME>` (DQM GUI's URL state). */
export function dqmGuiLink(run: number, dataset: string, mePath: string | null, workspace = "Everything"): string {
  const folder = mePath ? mePath.split("/").slice(0, -1).join("/") : "";
  const parts = [`runnr=${run}`, `dataset=${dataset}`, `workspace=${workspace}`, `root=${folder}`, ...(mePath ? [`focus=${mePath}`] : [])];
  return `${externalBases.dqmGui}?${parts.join(";")}`;
}

export function omsLink(run: number): string {
  return `${externalBases.oms}?cms_run=${run}`;
}

export function runRegistryLink(run: number): string {
  return `${externalBases.runRegistry}?run_number=${run}`;
}
