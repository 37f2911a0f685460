/** ECharts for the trend pages: the app's build plus the lines series that draws 10,000 error bars as one path. */
import { LinesChart } from "echarts/charts";
import { echarts } from "./echarts.client";

echarts.use([LinesChart]);

export { echarts };
