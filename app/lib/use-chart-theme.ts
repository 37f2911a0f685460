/** The page's theme for chart builders, following the top bar's toggle (`<html data-theme>`) live. */
import { useEffect, useState } from "react";
import type { ThemeName } from "../../charts/chart-theme";

export function useChartTheme(initial: ThemeName): ThemeName {
  const [theme, setTheme] = useState<ThemeName>(initial);
  useEffect(() => {
    const html = document.documentElement;
    const read = () => setTheme(html.dataset.theme === "light" ? "light" : "dark");
    read();
    const observer = new MutationObserver(read);
    observer.observe(html, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
