/**
 * What one drawing of a 10,000-point trend costs ECharts the first time, when none of its code has
 * run yet (as on a page load), against variants that leave one component out. Each repetition opens
 * a fresh browser context, loads ECharts' prebuilt file, and times `init` + `setOption` until
 * `finished`; variants are interleaved so a slow moment hits them alike. The options are the trend
 * page's for a large series (typed rows, large scatter, one pass, no slider shadow).
 *
 *   npx tsx scripts/bench/ui/cold-draw.ts [repetitions, default 9]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { launchChromium } from "./measure";

/** Each variant is a JS expression merged over the base option `o`. */
const variants: Record<string, string> = {
  "as the page": "{}",
  "no title": "{ title: undefined }",
  "no legend": "{ legend: { show: false } }",
  "outerBoundsMode none": "{ grid: Object.assign({}, o.grid, { outerBoundsMode: 'none' }) }",
  "no tooltip": "{ tooltip: undefined }",
};

const drawing = (variant: string, warm: boolean) => `(async () => {
  const n = 10000, rows = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) { rows[i * 4] = 300000 + i; rows[i * 4 + 1] = Math.sin(i) * 10 + 50; rows[i * 4 + 2] = 0.1; rows[i * 4 + 3] = 300000 + i; }
  const o = {
    animation: false, useUTC: true, backgroundColor: "#0f1419",
    title: { text: "bench_metric", left: "center", textStyle: { color: "#e6edf3", fontSize: 16 } },
    legend: { top: 28, textStyle: { color: "#e6edf3", fontSize: 13 }, data: ["bench_metric"] },
    grid: { left: 80, right: 40, top: 72, bottom: 90 },
    tooltip: { trigger: "item", confine: true, formatter: (p) => String(p.seriesName) },
    dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "none" }, { type: "slider", xAxisIndex: 0, bottom: 16, height: 22, filterMode: "none", showDataShadow: false }],
    xAxis: { type: "value", scale: true, name: "Run number", nameLocation: "middle", nameGap: 32 },
    yAxis: { type: "value", scale: true, name: "value", nameGap: 14 },
    series: [{ type: "scatter", name: "bench_metric", data: rows, dimensions: ["x", "value", "error", "run"], large: true, largeThreshold: 2000, progressive: 0, symbolSize: 4, encode: { x: 0, y: 1 }, z: 2 }],
  };
  const option = Object.assign({}, o, ${variant});
  const draw = () => new Promise((resolve) => {
    const t0 = performance.now();
    const chart = echarts.init(document.getElementById("chart"), null, { renderer: "canvas" });
    chart.on("finished", () => { const ms = performance.now() - t0; chart.dispose(); resolve(ms); });
    chart.setOption(option);
  });
  const first = await draw();
  return ${warm} ? await draw() : first;
})()`;

const reps = Number(process.argv[2] ?? 9);
if (!Number.isInteger(reps) || reps < 1) throw new Error("repetitions must be a positive whole number");
const echartsJs = await readFile(path.join(process.cwd(), "node_modules", "echarts", "dist", "echarts.min.js"), "utf8");
const browser = await launchChromium();
const samples: Record<string, number[]> = {};
try {
  for (let i = 0; i < reps; i++)
    for (const [name, variant] of [...Object.entries(variants), ["as the page, drawn a second time", "{}"] as const]) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.setContent('<html><body style="margin:0"><div id="chart" style="width:1500px;height:460px"></div></body></html>');
      await page.addScriptTag({ content: echartsJs });
      (samples[name] ??= []).push(await page.evaluate<number>(drawing(variant, name.endsWith("second time"))));
      await context.close();
    }
} finally {
  await browser.close();
}
console.log(`cold draw of a 10,000-point trend with ECharts (init → finished, ms), ${reps} repetitions, fresh browser context each`);
for (const [name, v] of Object.entries(samples)) {
  const s = [...v].sort((a, b) => a - b);
  console.log(`  ${name.padEnd(34)} median ${s[Math.floor(s.length / 2)]!.toFixed(0).padStart(4)}   min ${s[0]!.toFixed(0).padStart(4)}   max ${s[s.length - 1]!.toFixed(0).padStart(4)}`);
}
