// Bundles the server into dist/main.js: one file that starts fast and does not depend on how pnpm laid
// out node_modules. Packages that load native code or WebAssembly from beside their own files cannot be
// bundled; they stay external and are dependencies of this package so Node finds them.
import { build } from 'esbuild';

const EXTERNAL = ['sharp', '@electric-sql/pglite'];

await build({
  // The image service is its own entry: the imaging package forks it from dist/image-service.js.
  entryPoints: { main: 'src/main.ts', 'image-service': '../../packages/imaging/src/service-entry.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
