// wrangler bundles a `*.bin` import as a Data module: the file's bytes as an ArrayBuffer.
declare module "*.bin" {
  const bytes: ArrayBuffer;
  export default bytes;
}
