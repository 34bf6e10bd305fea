/**
 * Vite build of the viewer: `viewer/` → `dist/viewer/` (index.html + assets/), relative URLs so
 * the folder works behind `papergraph serve` or any static server.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('../dist/viewer', import.meta.url));

/** `dist/viewer/` also holds the compiled Node side, so only the old assets are cleared. */
function cleanAssets(): Plugin {
  let assets = '';
  return {
    name: 'papergraph-clean-assets',
    apply: 'build',
    configResolved(config) {
      assets = resolve(config.root, config.build.outDir, config.build.assetsDir);
    },
    buildStart() {
      if (assets) rmSync(assets, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [cleanAssets()],
  build: {
    outDir,
    emptyOutDir: false,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
