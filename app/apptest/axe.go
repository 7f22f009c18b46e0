package apptest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored for the tests by embed/vendor/vendor.sh
// (npm pack, pinned integrity). The product never ships it.
//
//go:embed axe/axe.min.js
var axeSource string

// axeViolation is the part of an axe-core result the tests report.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// axeScreen names the screen on show: its path, and on the game pages
// (whose lobby, question, answer and podium share a path) its first
// heading, with the digits dropped so question 2 is not checked again.
const axeScreen = `(() => {
  const p = location.pathname;
  if (!/^\/(play|teacher\/games\/\d)/.test(p)) return p;
  const h = ((document.querySelector('h1') || {}).textContent || '').replace(/[0-9]+/g, '#').trim().slice(0, 60);
  return p + ' | ' + h;
})()`

// axeRun runs axe-core on the document and answers its serious and
// critical violations as JSON.
const axeRun = `(async () => {
  // The settled screen is checked, not a frame of an arrival animation.
  for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* infinite: left as is */ } }
  const r = await axe.run(document, { resultTypes: ['violations'], iframes: false, elementRef: false });
  return JSON.stringify(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'));
})()`

// CheckA11yAgain runs axe-core on the screen on show even if it was
// checked before: for a screen whose content changed in place, such as the
// live board once the class values arrive over its socket.
func (b *Browser) CheckA11yAgain() {
	b.T.Helper()
	var screen string
	if err := chromedp.Run(b.Ctx, chromedp.Evaluate(axeScreen, &screen)); err != nil {
		b.T.Fatalf("axe-core: no screen to check: %v", err)
	}
	b.mu.Lock()
	delete(b.axeSeen, screen)
	before := b.AxeScreens
	b.mu.Unlock()
	b.checkA11y()
	b.mu.Lock()
	ran := b.AxeScreens > before
	b.mu.Unlock()
	if !ran && !b.AxeOff {
		b.T.Fatalf("axe-core did not check %s again", screen)
	}
}

// checkA11y runs axe-core once on each screen the test shows (see
// axeScreen) and fails the test on any serious or critical violation.
// Runtime.evaluate is not bound by the page's Content-Security-Policy, so
// the page needs no change to load axe.
func (b *Browser) checkA11y() {
	b.T.Helper()
	if b.AxeOff {
		return
	}
	var screen string
	if err := chromedp.Run(b.Ctx, chromedp.Evaluate(axeScreen, &screen)); err != nil {
		return // the page is between documents: the next step checks it
	}
	b.mu.Lock()
	if b.axeSeen == nil {
		b.axeSeen = map[string]bool{}
	}
	seen := b.axeSeen[screen]
	b.axeSeen[screen] = true
	b.mu.Unlock()
	if seen || screen == "" || screen == "blank" {
		return
	}
	var loaded bool
	if err := chromedp.Run(b.Ctx, chromedp.Evaluate(`typeof axe !== 'undefined'`, &loaded)); err != nil {
		return
	}
	if !loaded {
		if err := chromedp.Run(b.Ctx, chromedp.Evaluate(axeSource, nil)); err != nil {
			b.T.Errorf("axe-core did not load on %s: %v", screen, err)
			return
		}
	}
	var out string
	err := chromedp.Run(b.Ctx, chromedp.Evaluate(axeRun, &out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		// A navigation during the run: the new screen is checked next time.
		b.T.Logf("axe-core on %s: %v", screen, err)
		b.mu.Lock()
		delete(b.axeSeen, screen)
		b.mu.Unlock()
		return
	}
	var found []axeViolation
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		b.T.Errorf("axe-core on %s: %v", screen, err)
		return
	}
	b.mu.Lock()
	b.AxeScreens++
	b.mu.Unlock()
	for _, v := range found {
		var targets []string
		for i, n := range v.Nodes {
			if i == 3 {
				targets = append(targets, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		b.T.Errorf("accessibility (axe-core) on %s: %s %s: %s (%d nodes: %s)", screen, v.Impact, v.ID, v.Help, len(v.Nodes), strings.Join(targets, "; "))
	}
}
