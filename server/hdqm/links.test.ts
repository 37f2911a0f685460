/** Run links on the configured bases, and the settings that choose those bases. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/config";
import { defaultLinkBases, dqmGuiLink, elogLink, linkBasesOf, omsLink, runRegistryLink } from "./links";

const base = { DATABASE_URL: "postgres://u@localhost:5432/db", TEMPORAL_ADDRESS: "localhost:7233" };

describe("run links", () => {
  it("links to the DQM GUI with the ME's folder and focus", () => {
    expect(dqmGuiLink(defaultLinkBases, 306134, "/ZeroBias/X/DQMIO", "Muons/diMuonHistograms/TightTightMuon")).toMatch(/start\?runnr=306134;dataset=\/ZeroBias\/X\/DQMIO;workspace=Everything;root=Muons\/diMuonHistograms;focus=Muons\/diMuonHistograms\/TightTightMuon$/);
  });

  it("keeps today's CERN bases when nothing is set", () => {
    const bases = linkBasesOf(parseConfig(base));
    expect(bases).toEqual(defaultLinkBases);
    expect(omsLink(bases, 306134)).toBe("https://cmsoms.cern.ch/cms/runs/report?cms_run=306134");
    expect(runRegistryLink(bases, 306134)).toBe("https://cmsrunregistry.web.cern.ch/offline/datasets/global?run_number=306134");
    expect(elogLink(bases, 306134)).toBe("https://cmsonline.cern.ch/webcenter/portal/cmsonline/pages_common/elog?search=306134");
  });

  it("builds every link on the bases the settings name (a trailing slash dropped)", () => {
    const bases = linkBasesOf(
      parseConfig({ ...base, DQM_GUI_URL: "https://dqm-test.example.org/dqm/dev/start", OMS_URL: "https://oms-test.example.org/runs/", RUN_REGISTRY_URL: "http://localhost:9500/offline", ELOG_URL: "https://elog.example.org/search" }),
    );
    expect(dqmGuiLink(bases, 7, "/A/B/DQMIO", null)).toBe("https://dqm-test.example.org/dqm/dev/start?runnr=7;dataset=/A/B/DQMIO;workspace=Everything;root=");
    expect(omsLink(bases, 7)).toBe("https://oms-test.example.org/runs?cms_run=7");
    expect(runRegistryLink(bases, 7)).toBe("http://localhost:9500/offline?run_number=7");
    expect(elogLink(bases, 7)).toBe("https://elog.example.org/search?search=7");
  });

  it("refuses plain http to another machine, naming the setting", () => {
    expect(() => parseConfig({ ...base, OMS_URL: "http://cmsoms.cern.ch/cms/runs/report" })).toThrowError(/OMS_URL: 'http:\/\/cmsoms\.cern\.ch\/cms\/runs\/report' must be https:\/\//);
    expect(parseConfig({ ...base, OMS_URL: "http://127.0.0.1:8080/oms" }).OMS_URL).toBe("http://127.0.0.1:8080/oms");
  });

  it("refuses what is not a URL, another scheme, or a base with its own query, each by name", () => {
    expect(() => parseConfig({ ...base, ELOG_URL: "cmsonline/elog" })).toThrowError(/ELOG_URL: 'cmsonline\/elog' is not a URL/);
    expect(() => parseConfig({ ...base, DQM_GUI_URL: "ftp://dqm.example.org/start" })).toThrowError(/DQM_GUI_URL: .* must be https:\/\//);
    expect(() => parseConfig({ ...base, RUN_REGISTRY_URL: "https://rr.example.org/runs?x=1" })).toThrowError(/RUN_REGISTRY_URL: .* must be a base without \? or #/);
  });

  it("names every wrong link setting at once", () => {
    expect(() => parseConfig({ ...base, OMS_URL: "nope", ELOG_URL: "http://elog.example.org" })).toThrowError(/OMS_URL.*\n.*ELOG_URL/s);
  });
});
