/** electron-vite's `?asset` import: the file is copied beside the bundle and this is its path. */
declare module '*?asset' {
  const path: string;
  export default path;
}
