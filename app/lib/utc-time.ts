/** Times on shift pages are shown in UTC, the same on the server's render and in the browser. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
