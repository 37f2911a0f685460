/** Colours for charts in the app's two themes (kept in step with app/styles/app.css). */
export type ThemeName = "dark" | "light";

export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
  readonly palette: readonly string[];
  readonly band: string;
  readonly bad: string;
}

export const chartThemes: Record<ThemeName, ChartTheme> = {
  dark: {
    text: "#e6edf3",
    muted: "#9aa7b4",
    grid: "#2c3a48",
    background: "transparent",
    palette: ["#4ea1ff", "#f0883e", "#3fb950", "#db61a2", "#d29922", "#a371f7", "#39c5cf"],
    band: "rgba(78,161,255,0.08)",
    bad: "#f85149",
  },
  light: {
    text: "#1f2328",
    muted: "#57606a",
    grid: "#d0d7de",
    background: "transparent",
    palette: ["#0969da", "#bc4c00", "#1a7f37", "#bf3989", "#9a6700", "#8250df", "#1b7c83"],
    band: "rgba(9,105,218,0.07)",
    bad: "#cf222e",
  },
};
