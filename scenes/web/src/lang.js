// Runs synchronously in <head>: picks the language before the first paint.
import { applyLang, preferredLang } from './lang-core.js';

applyLang(preferredLang(), false);
