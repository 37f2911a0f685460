/** ECharts with only the parts dqmflow draws, so the page downloads less than the full build. */
import { CustomChart, BarChart, LineChart, ScatterChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, ToolboxComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([ScatterChart, LineChart, BarChart, CustomChart, GridComponent, TooltipComponent, TitleComponent, LegendComponent, DataZoomComponent, ToolboxComponent, MarkAreaComponent, CanvasRenderer]);

export { echarts };
