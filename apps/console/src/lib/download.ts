/** Characters Windows and macOS refuse in a file name. */
// eslint-disable-next-line no-control-regex -- control characters are among those a file name must not carry
const UNSAFE_FILENAME = /[\\/:*?"<>|\u0000-\u001f]+/g;

export function safeFilename(name: string, fallback = '导出'): string {
  const cleaned = name.replace(UNSAFE_FILENAME, '_').replace(/\s+/g, ' ').trim().slice(0, 80);
  return cleaned || fallback;
}

/** Hands a fetched file to the browser's download, then frees it. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start the download after click() returns: free the blob a moment later.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
