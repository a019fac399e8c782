// Render the PNG app icons Chromium wants for installing the PWA from public/icon.svg,
// with Debian's chromium through playwright-core. Run after changing the SVG:
//   node packages/web/scripts/render-icons.mjs
// and commit the PNGs (the build copies public/ as is).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const svg = readFileSync(`${publicDir}icon.svg`, 'utf8');
// Maskable: the launcher crops to its own shape, so fill the whole square (no rounded
// corners); the drawing already sits inside the 80 % safe circle.
const maskable = svg.replace(/ rx="\d+"/, '');
if (maskable === svg) throw new Error('icon.svg changed shape: update the maskable variant');

const icons = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  { file: 'icon-maskable-192.png', size: 192, source: maskable },
  { file: 'icon-maskable-512.png', size: 512, source: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const sized = icon.source.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    writeFileSync(`${publicDir}${icon.file}`, await page.screenshot({ type: 'png', omitBackground: true }));
    await page.close();
    console.log(`wrote public/${icon.file}`);
  }
} finally {
  await browser.close();
}
