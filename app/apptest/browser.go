package apptest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Debian chromium driven by chromedp, watching for
// console errors and for any request that would leave this machine.
type Browser struct {
	T        *testing.T
	Ctx      context.Context
	cancel   context.CancelFunc
	mu       sync.Mutex
	errors   []string
	offBox   []string
	Requests int
	// AxeOff skips the accessibility check of every screen (for a test
	// that measures something else on a page it shows many times).
	AxeOff bool
	// AxeScreens counts the screens axe-core checked.
	AxeScreens int
	axeSeen    map[string]bool
	// loseMethod and losePath name the next request whose answer is lost.
	loseMethod, losePath string
}

// ChromiumPath finds Debian's chromium. Under CI a missing browser fails the
// test; elsewhere it skips with a message.
func ChromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("AG_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get install -y chromium")
	}
	t.Skip("chromium not installed (apt-get install -y chromium); browser tests skipped outside CI")
	return ""
}

// NewBrowser starts a fresh browser profile for one test. Each call is a
// separate browser context, like a separate device.
func NewBrowser(t *testing.T) *Browser {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{},
		chromedp.ExecPath(ChromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profileDir(t)),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// Our chromedp's protocol tables predate some enum values of Debian's
	// chromium (e.g. IPAddressSpace "Loopback" in network events we do not
	// use); those decode errors are noise, so only real errors are logged.
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(format string, args ...any) {
		if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "could not unmarshal event") {
			t.Logf("chromedp: %s", msg)
		}
	}))
	// Every screen is also checked with axe-core (a second or two each on a
	// busy machine), hence the room.
	ctx, cancelTimeout := context.WithTimeout(ctx, 150*time.Second)
	b := &Browser{T: t, Ctx: ctx}
	b.cancel = func() { cancelTimeout(); cancelCtx(); cancelAlloc() }

	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				b.note(&b.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			b.note(&b.errors, "exception: "+e.ExceptionDetails.Error())
		case *fetch.EventRequestPaused:
			if e.ResponseStatusCode != 0 || e.ResponseErrorReason != "" {
				// Only an answer LoseAnswer asked for is held.
				go func() { _ = chromedp.Run(ctx, fetch.FailRequest(e.RequestID, network.ErrorReasonConnectionReset)) }()
				return
			}
			// Every request passes here: only loopback may be reached.
			go func() {
				u, err := url.Parse(e.Request.URL)
				b.mu.Lock()
				b.Requests++
				b.mu.Unlock()
				if err != nil || !IsLoopbackHost(u.Hostname()) && u.Scheme != "data" && u.Scheme != "blob" {
					b.note(&b.offBox, e.Request.URL)
					_ = chromedp.Run(ctx, fetch.FailRequest(e.RequestID, "BlockedByClient"))
					return
				}
				_ = chromedp.Run(ctx, fetch.ContinueRequest(e.RequestID).WithInterceptResponse(b.loseAnswer(e.Request.Method, u.Path)))
			}()
		}
	})
	if err := chromedp.Run(ctx, fetch.Enable(), runtime.Enable()); err != nil {
		b.cancel()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b.Screenshot("failure")
		}
		b.cancel()
	})
	return b
}

// LoseAnswer lets the next request of method to path reach the server,
// then drops its answer: the page sees a network error, as when the Wi-Fi
// fails before the reply comes.
func (b *Browser) LoseAnswer(method, path string) {
	b.mu.Lock()
	b.loseMethod, b.losePath = method, path
	b.mu.Unlock()
}

// loseAnswer tells whether this request's answer is the one to lose.
func (b *Browser) loseAnswer(method, path string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.losePath == "" || method != b.loseMethod || path != b.losePath {
		return false
	}
	b.losePath = ""
	return true
}

// profileDir is a throwaway browser profile; chromium may still be writing
// to it as it exits, so it is removed best-effort rather than by t.TempDir.
func profileDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "ag-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		time.Sleep(100 * time.Millisecond)
		os.RemoveAll(dir)
	})
	return dir
}

func IsLoopbackHost(h string) bool {
	return h == "127.0.0.1" || h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.")
}

func (b *Browser) note(list *[]string, s string) {
	b.mu.Lock()
	*list = append(*list, s)
	b.mu.Unlock()
}

// Run performs actions and fails the test with context on error. Then the
// screen on show is checked with axe-core (once per screen): a serious or
// critical accessibility violation fails the test.
func (b *Browser) Run(what string, actions ...chromedp.Action) {
	b.T.Helper()
	if err := chromedp.Run(b.Ctx, actions...); err != nil {
		b.T.Fatalf("browser: %s: %v (console errors: %v)", what, err, b.ConsoleErrors())
	}
	b.checkA11y()
}

func (b *Browser) ConsoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// AssertClean fails the test on any console error or off-box request so far.
func (b *Browser) AssertClean() {
	b.T.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errors) > 0 {
		b.T.Errorf("browser console errors: %v", b.errors)
	}
	if len(b.offBox) > 0 {
		b.T.Errorf("requests tried to leave the box: %v", b.offBox)
	}
}

// Screenshot saves a PNG under testdata/screenshots (ignored by git).
func (b *Browser) Screenshot(name string) string {
	var png []byte
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.Ctx), 10*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		return ""
	}
	dir := filepath.Join("testdata", "screenshots")
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, fmt.Sprintf("%s-%s.png", strings.ReplaceAll(b.T.Name(), "/", "_"), name))
	if err := os.WriteFile(path, png, 0o644); err == nil {
		b.T.Logf("screenshot saved: %s", path)
	}
	return path
}
