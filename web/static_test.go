package web_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"animalgenius/app/apptest"
)

const immutable = "public, max-age=31536000, immutable"

var (
	shellRef    = regexp.MustCompile(`\b(?:href|src)="(/[^"]+)"`)
	moduleRef   = regexp.MustCompile(`(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"\n]+)['"]`)
	literalRef  = regexp.MustCompile(`['"](/(?:assets|vendor|art)/[^'"\s$]+)['"]`)
	hashedName  = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z]+$`)
	assetMapRaw = regexp.MustCompile(`const HASHED = (\{.*\});`)
	commentLine = regexp.MustCompile(`(?m)^\s*(//|/?\*).*$`)
)

// TestStaticShellReferencesResolve follows every file the shell names, and
// every module those modules import (statically or not) or name, down the
// whole tree: each must be a content-hashed name answered 200 with a
// one-year immutable Cache-Control, while the shell itself is no-cache.
// The run-time map of asset-url.js must resolve the same way.
func TestStaticShellReferencesResolve(t *testing.T) {
	app := apptest.Start(t, nil)
	status, h, shell := app.Get("/", "Accept-Encoding", "identity")
	if status != 200 || h.Get("Cache-Control") != "no-cache" || h.Get("ETag") == "" {
		t.Fatalf("shell: %d, Cache-Control %q, ETag %q", status, h.Get("Cache-Control"), h.Get("ETag"))
	}
	if _, h2, _ := app.Get("/teacher/classes/7"); h2.Get("Cache-Control") != "no-cache" {
		t.Errorf("a deep page's shell: Cache-Control %q", h2.Get("Cache-Control"))
	}
	var queue []string
	for _, m := range shellRef.FindAllStringSubmatch(shell, -1) {
		queue = append(queue, m[1])
	}
	if len(queue) < 4 {
		t.Fatalf("the shell names only %v", queue)
	}
	seen := map[string]bool{}
	var modules, files int
	for len(queue) > 0 && len(seen) < 500 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		if !hashedName.MatchString(p) {
			t.Errorf("%s is named without its content hash", p)
			continue
		}
		status, h, body := app.Get(p, "Accept-Encoding", "identity")
		if status != 200 || h.Get("Cache-Control") != immutable {
			t.Errorf("%s: %d, Cache-Control %q, want 200 %q", p, status, h.Get("Cache-Control"), immutable)
			continue
		}
		files++
		if !strings.HasSuffix(p, ".js") {
			continue
		}
		modules++
		if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("%s: Content-Type %q", p, ct)
		}
		code := commentLine.ReplaceAllString(body, "")
		if strings.Contains(p, "/asset-url.") {
			code = assetMapRaw.ReplaceAllString(code, "") // its keys are the plain names, on purpose; its values are followed below
		}
		for _, re := range []*regexp.Regexp{moduleRef, literalRef} {
			for _, m := range re.FindAllStringSubmatch(code, -1) {
				spec := m[1]
				if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") {
					t.Errorf("%s imports %q: a relative name the server did not rewrite", p, spec)
					continue
				}
				if strings.HasPrefix(spec, "/assets/") || strings.HasPrefix(spec, "/vendor/") || strings.HasPrefix(spec, "/art/") {
					if strings.HasSuffix(spec, "/") {
						continue // a prefix (router.js), not a file
					}
					queue = append(queue, spec)
				}
			}
		}
		if strings.Contains(p, "/asset-url.") {
			m := assetMapRaw.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("%s: no filled map", p)
			}
			var hashed map[string]string
			if err := json.Unmarshal([]byte(m[1]), &hashed); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, code := range []string{"owl", "otter", "parrot", "meerkat", "panda", "elephant", "beaver", "border_collie"} {
				if hashed["/art/animals/"+code+".svg"] == "" {
					t.Errorf("the run-time map lacks /art/animals/%s.svg", code)
				}
			}
			for _, v := range hashed {
				queue = append(queue, v)
			}
		}
	}
	// The landing page's module tree, the lazy pages and the art.
	for _, want := range []string{"/assets/app.", "/assets/pages/landing.", "/assets/pages/teacher-class.", "/vendor/htm/standalone.module.", "/art/animals/owl.", "/assets/classes."} {
		found := false
		for p := range seen {
			found = found || strings.HasPrefix(p, want)
		}
		if !found {
			t.Errorf("nothing reachable from the shell starts with %s", want)
		}
	}
	t.Logf("%d files reachable from the shell (%d modules), all hashed and immutable", files, modules)
}

// TestStaticCompressionAndFallbacks checks the precompressed forms (brotli
// first, then gzip, honouring q=0), their ETags and 304s, and the plain
// names kept for stored picture paths and pages from before an upgrade.
func TestStaticCompressionAndFallbacks(t *testing.T) {
	app := apptest.Start(t, nil)
	_, _, shell := app.Get("/", "Accept-Encoding", "identity")
	m := regexp.MustCompile(`src="(/assets/app\.[0-9a-f]{10}\.js)"`).FindStringSubmatch(shell)
	if m == nil {
		t.Fatalf("the shell does not load a hashed app.js: %s", shell)
	}
	appJS := m[1]
	status, h, plain := app.Get(appJS, "Accept-Encoding", "identity")
	if status != 200 || h.Get("Content-Encoding") != "" || len(plain) < 500 {
		t.Fatalf("identity: %d %q %d bytes", status, h.Get("Content-Encoding"), len(plain))
	}
	decoders := map[string]func([]byte) (string, error){
		"br": func(b []byte) (string, error) {
			out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
			return string(out), err
		},
		"gzip": func(b []byte) (string, error) {
			r, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return "", err
			}
			out, err := io.ReadAll(r)
			return string(out), err
		},
	}
	etags := map[string]bool{h.Get("ETag"): true}
	for _, c := range []struct{ accept, want string }{
		{"gzip, deflate, br, zstd", "br"},
		{"br;q=1.0, gzip;q=0.8", "br"},
		{"gzip", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"gzip;q=0", ""},
		{"", ""},
	} {
		status, h, body := app.Get(appJS, "Accept-Encoding", c.accept)
		if status != 200 || h.Get("Content-Encoding") != c.want || !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q (want %q), Vary %q", c.accept, status, h.Get("Content-Encoding"), c.want, h.Get("Vary"))
			continue
		}
		if c.want == "" {
			if body != plain {
				t.Errorf("Accept-Encoding %q: body differs from the identity form", c.accept)
			}
			continue
		}
		if len(body) >= len(plain) {
			t.Errorf("%s form is %d bytes, the file %d", c.want, len(body), len(plain))
		}
		got, err := decoders[c.want]([]byte(body))
		if err != nil || got != plain {
			t.Errorf("%s form does not decode to the file: %v", c.want, err)
		}
		etags[h.Get("ETag")] = true
		if status, _, _ := app.Get(appJS, "Accept-Encoding", c.accept, "If-None-Match", h.Get("ETag")); status != 304 {
			t.Errorf("%s form with its ETag: %d, want 304", c.want, status)
		}
	}
	if len(etags) != 3 {
		t.Errorf("want one ETag per form (identity, gzip, br), got %v", etags)
	}
	// Plain and outdated names still answer, revalidated each time.
	for _, p := range []string{"/assets/app.js", "/art/items/hat-crown.svg", "/assets/app.0123456789.js"} {
		status, h, body := app.Get(p, "Accept-Encoding", "identity")
		if status != 200 || h.Get("Cache-Control") != "no-cache" || body == "" {
			t.Errorf("%s: %d, Cache-Control %q", p, status, h.Get("Cache-Control"))
		}
	}
	for _, p := range []string{"/assets/nope.js", "/assets/nope.0123456789.js", "/art/animals/owl.svg/x"} {
		if status, _, body := app.Get(p); status != 404 || !strings.Contains(body, `"not_found"`) {
			t.Errorf("%s: %d %s", p, status, body)
		}
	}
}
