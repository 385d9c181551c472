// Decap CMS starts by itself when its script loads; admin.js starts it instead, once the
// generated configuration and our formats, backend and preview are registered.
window.CMS_MANUAL_INIT = true;
