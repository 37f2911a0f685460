/** Series names shared by the trend page (legend, tooltip, point details) and the API's CSV columns. No imports: the browser bundle takes it. */

/** A series' name where it is not the trend's own: subsystem and metric, and its dataset when that is another. */
export function seriesLabel(subsystem: string, metric: string, dataset: { primaryDataset: string; processingString: string } | null): string {
  return `${subsystem}/${metric}${dataset ? ` (${dataset.primaryDataset} / ${dataset.processingString})` : ""}`;
}
