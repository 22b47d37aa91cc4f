import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { FIRST_START_BUDGET_KB, firstStartSize } from './scripts/first-start-size';

/** Prints what the first start costs on 2G, and fails the build over budget. */
function firstStartBudget(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ngo-so:first-start-budget',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const { assets, gzipBytes } = firstStartSize(outDir);
        const kb = (b: number) => (b / 1024).toFixed(1);
        for (const a of assets) console.log(`  first start: ${a.file}  ${kb(a.bytes)} KB, gzip ${kb(a.gzipBytes)} KB`);
        console.log(`First start (JS + CSS, gzip): ${kb(gzipBytes)} KB of ${FIRST_START_BUDGET_KB} KB budget`);
        if (gzipBytes > FIRST_START_BUDGET_KB * 1024) {
          throw new Error(`First-start JS+CSS is ${kb(gzipBytes)} KB gzipped, over the ${FIRST_START_BUDGET_KB} KB budget`);
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preact({ prefreshEnabled: false }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'] },
      manifest: {
        name: 'Ngõ Số — Tổ công nghệ số cộng đồng',
        short_name: 'Ngõ Số',
        description: 'Ghi nhận chuyển đổi số từng hộ, từng người; dùng được khi không có mạng.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b6e4f',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
    firstStartBudget(),
  ],
  build: {
    target: 'es2020',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The libraries every start needs, in one file: fewer requests and one gzip dictionary.
        codeSplitting: {
          groups: [{ name: 'start-libs', test: /[\\/]node_modules[\\/](preact|dexie|idb-keyval)[\\/]/ }],
        },
      },
    },
  },
});
