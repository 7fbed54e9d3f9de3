// Runs synchronously in <head>: picks the language before the first paint, and
// sends a deep link to a hall (index.html#/hall/<slug>, as printed in QR codes)
// straight to that hall's page.
import { applyLang, preferredLang } from './lang-core.js';

const page = document.querySelector('meta[name="yunzhan-page"]');
const deepLink = /^#\/hall\/([a-z0-9][a-z0-9-]{0,63})$/.exec(location.hash);
if (page && page.content === 'home' && deepLink) {
  location.replace(`halls/${deepLink[1]}.html`);
}
applyLang(preferredLang(), false);
