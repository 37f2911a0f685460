/**
 * The benchmark's baseline: a bare HTML page that fetches the same trend from the app's tRPC
 * API (proxied, so the database work is the same) and draws it with ECharts' prebuilt bundle
 * from node_modules — a scatter of the same points, with the same tooltip and zoom — served
 * by a tiny local HTTP server.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";

export function barePageHtml(trendInput: unknown): string {
  const url = `/api/trpc/trends.series?input=${encodeURIComponent(JSON.stringify(trendInput))}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare ECharts trend</title>
<style>html,body{margin:0;background:#0f1419;color:#e6edf3;font:16px system-ui}#chart{width:100%;height:460px}</style>
<script src="/echarts.min.js"></script></head>
<body><div id="chart"></div>
<script>
fetch(${JSON.stringify(url)}).then(function (r) { return r.json(); }).then(function (body) {
  var s = body.result.data.series[0];
  var data = new Array(s.run.length);
  for (var i = 0; i < s.run.length; i++) data[i] = [s.x[i], s.value[i], s.error[i], s.run[i]];
  var el = document.getElementById("chart");
  var chart = echarts.init(el, null, { renderer: "canvas" });
  chart.on("finished", function () {
    if (el.dataset.rendered) return;
    el.dataset.rendered = "true";
    el.dataset.points = String(data.length);
  });
  chart.setOption({
    animation: false,
    title: { text: s.plotTitle, left: "center", textStyle: { color: "#e6edf3" } },
    grid: { left: 80, right: 40, top: 72, bottom: 90 },
    tooltip: { trigger: "item" },
    dataZoom: [{ type: "inside", filterMode: "none" }, { type: "slider", bottom: 16, filterMode: "none" }],
    xAxis: { type: "value", scale: true, name: "Run number" },
    yAxis: { type: "value", scale: true, name: s.yTitle },
    series: [{ type: "scatter", name: s.name, data: data, large: true, symbolSize: 4, encode: { x: 0, y: 1 } }]
  });
});
</script></body></html>`;
}

/** Serves the bare page at `/`, ECharts at `/echarts.min.js`, and proxies `/api/trpc/*` to the app. */
export async function startBareServer(root: string, appOrigin: string, trendInput: unknown): Promise<{ server: Server; origin: string }> {
  const echartsJs = await readFile(path.join(root, "node_modules", "echarts", "dist", "echarts.min.js"));
  const html = barePageHtml(trendInput);
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (url === "/" || url.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(html);
    } else if (url === "/echarts.min.js") {
      res.writeHead(200, { "content-type": "text/javascript", "cache-control": "public, max-age=31536000, immutable" });
      res.end(echartsJs);
    } else if (url.startsWith("/api/trpc/")) {
      fetch(appOrigin + url)
        .then(async (r) => {
          res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  return { server, origin: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}` };
}
