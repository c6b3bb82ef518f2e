/** Hands the browser a file to save (Electron shows a save dialog for it, see electron/window.ts). */
export function download(fileName: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}
