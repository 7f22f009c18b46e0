// Package embed holds the browser UI: the HTML shell, CSS, ES modules, SVG art
// and the vendored browser libraries. Everything is compiled into the binary.
package embed

import stdembed "embed"

// FS is the whole UI tree. Paths are relative to this directory
// (index.html, assets/app.js, vendor/..., art/...).
//
//go:embed index.html assets vendor art
var FS stdembed.FS
