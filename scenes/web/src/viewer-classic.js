// The viewer as a classic script (window.YunzhanViewer), for the "kiosk" profile:
// browsers refuse ES modules on pages opened from disk (file://), not scripts.
import { start } from './viewer.js';

window.YunzhanViewer = { start };
