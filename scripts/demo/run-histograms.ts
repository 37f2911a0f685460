/**
 * The monitor elements of one demo run, as DQM harvesting would write them, for the paths the
 * metric configs in config/metrics/ read. Shapes and scales follow 2017 ZeroBias data; slow
 * drifts follow the season and injected problems distort the affected MEs.
 */
import type { Histogram } from "../../server/histograms/histogram";
import { gaussian, poisson, seededRng } from "../../server/compare/math/rng";
import { gauss, landauLike, profile, th1FromPdf, th1FromValues, th2 } from "./histogram-builders";
import type { DemoRun } from "./season";

export function runHistograms(r: DemoRun): Map<string, Histogram> {
  const rng = seededRng(r.run);
  const g = (): number => gaussian(rng);
  const s = r.season;
  const p = r.problems;
  const lumiScale = Math.max(0.05, Math.min(3, r.recordedLumi / 30));
  const out = new Map<string, Histogram>();
  const add = (path: string, h: Histogram): void => void out.set(path, { ...h, name: path.split("/").pop() ?? path });

  // Pixel: charge MPV falls slowly with radiation damage; low HV costs ~30% of the charge.
  const hv = p.has("pixelHv") ? 0.72 : 1;
  const n = Math.round(60000 * lumiScale);
  // Tracks per 10^5 events (harvesting normalises the count), so the level follows pileup only.
  add("PixelPhase1/Tracks/ntracks", th1FromValues("ntracks", 0, 3, [poisson(2000, rng), poisson(1.2e6 * (1 + 0.15 * s) * (1 + 0.01 * g()), rng), poisson(8e5, rng)]));
  add("PixelPhase1/Tracks/PXBarrel/charge_PXLayer_1", th1FromPdf("c1", 100, 0, 100000, n, (x) => landauLike(x, (21800 - 1200 * s + 150 * g()) * hv, 2600), rng));
  add("PixelPhase1/Tracks/PXBarrel/charge_PXLayer_2", th1FromPdf("c2", 100, 0, 100000, n, (x) => landauLike(x, 22600 - 800 * s + 150 * g(), 2600), rng));
  add("PixelPhase1/Tracks/PXBarrel/size_PXLayer_1", th1FromPdf("s1", 30, 0, 30, n, (x) => gauss(x, 5.6 - 0.4 * s + 0.03 * g() - (hv < 1 ? 1 : 0), 2.2), rng));
  add("PixelPhase1/Tracks/PXBarrel/size_PXLayer_2", th1FromPdf("s2", 30, 0, 30, n, (x) => gauss(x, 4.9 - 0.3 * s + 0.03 * g(), 2), rng));
  add("PixelPhase1/Phase1_MechanicalView/PXBarrel/adc_PXLayer_1", th1FromPdf("adc", 256, 0, 256, n, (x) => landauLike(x, 85 - 6 * s + g(), 18) * hv + 0.001, rng));
  const dead = p.has("deadRocs") ? 262 : Math.max(0, Math.round(35 + 40 * s + 5 * g()));
  add("PixelPhase1/deadRocTotal", th2("deadRocTotal", 1, 2, (_x, y) => (y === 1 ? dead : 12)));
  add("PixelPhase1/Tracks/PXForward/charge_PXDisk_+1", th1FromPdf("cd1", 100, 0, 100000, n, (x) => landauLike(x, 20600 - 700 * s + 150 * g(), 2500), rng));
  add("PixelPhase1/Tracks/PXForward/size_PXDisk_+1", th1FromPdf("sd1", 30, 0, 30, n, (x) => gauss(x, 4.2 + 0.03 * g(), 1.8), rng));
  add("PixelPhase1/Phase1_MechanicalView/PXForward/num_clusters_PXDisk_+1", th1FromPdf("nc", 100, 0, 500, n, (x) => gauss(x, 110 + 40 * s + 3 * g(), 35), rng));

  // L1T: electron turn-on at 36 GeV, plateau ~0.98.
  const half = 36.5 + 0.3 * g();
  const eff = Array.from({ length: 50 }, (_, i) => {
    const x = (i + 0.5) * 2;
    return Math.min(1, Math.max(0, (0.975 + 0.005 * g()) * 0.5 * (1 + Math.tanh((x - half) / 2.4))));
  });
  add("L1T/L1TObjects/L1TEGamma/L1TriggerVsReco/efficiencyElectronET_EB_threshold_36", th1FromValues("eff", 0, 100, eff, eff.map((e) => Math.max(0.003, Math.sqrt((e * (1 - e)) / 400))), 20000));

  // ECAL: timing per crystal around 0 ns (a firmware shift in a few runs), energy spectrum, pedestals.
  const shift = p.has("ecalTiming") ? 1.3 : 0.05 * g();
  add("EcalBarrel/EBSummaryClient/EBTMT timing mean 1D summary", th1FromPdf("ebt", 100, -5, 5, 61200, (x) => gauss(x, shift, 0.35), rng));
  add("EcalEndcap/EESummaryClient/EETMT EE + timing mean 1D summary", th1FromPdf("eet", 100, -5, 5, 7300, (x) => gauss(x, 0.1 + 0.05 * g(), 0.6), rng));
  add("EcalBarrel/EBOccupancyTask/EBOT rec hit energy", th1FromPdf("ebe", 100, 0, 1000, Math.round(2e5 * lumiScale), (x) => Math.exp(-x / (18 + g()) ), rng));
  add("EcalBarrel/EBPedestalOnlineClient/EBPOT pedestal G12 mean", th1FromValues("ped", 0, 400, Array.from({ length: 400 }, () => 200 + 0.2 * s + 1.5 * g()), Array.from({ length: 400 }, () => 1.2), 61200));

  // Muons: Z → μμ peak over a small background.
  const zMass = p.has("muonAlignment") ? 88.5 : 91.1 + 0.08 * g();
  const nz = Math.round(4000 * lumiScale);
  add("Muons/diMuonHistograms/TightTightMuon", th1FromPdf("mm", 60, 60, 120, nz, (x) => gauss(x, zMass, 2.6) + 0.04 * Math.exp(-(x - 60) / 25), rng));
  add("Muons/MuonRecoAnalyzer/Res_TkSta_phi", th1FromPdf("rphi", 100, -0.1, 0.1, nz * 5, (x) => gauss(x, 0.0004 * g(), 0.012), rng));
  add("Muons/standAloneMuonsUpdatedAtVtx/HitProperties/NumberOfValidRecHitsPerTrack_sta", th1FromPdf("sta", 60, 0, 60, nz * 5, (x) => gauss(x, 26 - s + 0.2 * g(), 8), rng));

  // SiStrip: S/N falls slowly with radiation damage; FED errors are rare.
  const ns = Math.round(40000 * lumiScale);
  add("SiStrip/MechanicalView/TIB/layer_1/Summary_ClusterStoNCorr__OnTrack__TIB__layer__1", th1FromPdf("ston1", 100, 0, 100, ns, (x) => landauLike(x, 23.5 - 1.5 * s + 0.1 * g(), 2.2), rng));
  add("SiStrip/MechanicalView/TOB/layer_1/Summary_ClusterStoNCorr__OnTrack__TOB__layer__1", th1FromPdf("ston2", 100, 0, 100, ns, (x) => landauLike(x, 29.5 - 1.0 * s + 0.3 * g(), 2.6), rng));
  add("SiStrip/MechanicalView/TIB/layer_1/Summary_ClusterChargeCorr__OnTrack__TIB__layer__1", th1FromPdf("chg", 100, 0, 1000, ns, (x) => landauLike(x, 305 - 10 * s + g(), 30) + 0.3 * landauLike(x, 320, 60), rng));
  const fed = p.has("fedErrors") ? 35 : 0.8;
  add("SiStrip/ReadoutView/FedMonitoringSummary/FEDLevel/nFEDErrors", th1FromPdf("fed", 100, 0, 100, 20000, (x) => Math.exp(-x / fed), rng));
  if (!p.has("strip_sync_missing")) add("SiStrip/ReadoutView/FedMonitoringSummary/FiberLevel/nOutOfSync", th1FromValues("oos", 0, 10, [900 + poisson(20, rng), poisson(2, rng), poisson(1, rng), 0, 0, 0, 0, 0, 0, 0]));

  // Tracking: multiplicity follows pileup; a partition off makes a hole in η and φ.
  const hole = p.has("trackerHole");
  const nt = Math.round(80000 * lumiScale);
  add("Tracking/TrackParameters/generalTracks/GeneralProperties/NumberOfTracks_GenTk", th1FromPdf("ntrk", 100, 0, 2000, 20000, (x) => gauss(x, 620 + 150 * Math.sin(3 * s) + 10 * g(), 180), rng));
  add("Tracking/TrackParameters/generalTracks/HitProperties/NumberOfRecHitsPerTrack_GenTk", th1FromPdf("nhit", 40, 0, 40, nt, (x) => gauss(x, 16.5 - (hole ? 1.5 : 0) + 0.05 * g(), 4.5), rng));
  add("Tracking/TrackParameters/generalTracks/GeneralProperties/Chi2oNDF_GenTk", th1FromPdf("chi2", 100, 0, 10, nt, (x) => x * Math.exp(-x / (0.55 + 0.005 * g())), rng));
  add("Tracking/TrackParameters/generalTracks/GeneralProperties/TrackPt_ImpactPoint_GenTk", th1FromPdf("pt", 100, 0, 100, nt, (x) => Math.exp(-x / 2.8), rng));
  add("Tracking/TrackParameters/generalTracks/GeneralProperties/TrackEta_ImpactPoint_GenTk", th1FromPdf("eta", 60, -3, 3, nt, (x) => (Math.abs(x) < 2.5 ? 1 - 0.05 * x * x : 0.1) * (hole && x > 0.3 && x < 1.2 ? 0.55 : 1), rng));
  add("Tracking/TrackParameters/generalTracks/GeneralProperties/TrackPhi_ImpactPoint_GenTk", th1FromPdf("phi", 64, -Math.PI, Math.PI, nt, (x) => (1 + 0.03 * Math.cos(6 * x)) * (hole && x > 1 && x < 2 ? 0.6 : 1), rng));
  add("Tracking/TrackParameters/generalTracks/GeneralProperties/d0VsPhiProf_ImpactPoint_GenTk", profile("d0phi", 64, -Math.PI, Math.PI, 400, (x) => 0.002 * Math.sin(x + 0.3) + 0.0004 * g(), 0.03, rng));
  return out;
}
