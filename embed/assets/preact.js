// The one place that names the vendored UI library. Every module imports
// html, render and the hooks from here, so swapping or upgrading the vendored
// build (see vendor/vendor.sh) changes a single line.
//
// htm's standalone build = preact + preact/hooks + htm in one ES module.
// It has no Fragment export: return an array or a wrapping element instead
// (html`<a/><b/>` with two roots already gives an array).
export * from '/vendor/htm/standalone.module.js';
