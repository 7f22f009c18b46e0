package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/gofiber/fiber/v2"
	"github.com/klauspost/compress/gzip"
)

// The UI's files are served under content-hashed names
// (/assets/app.3f9c0a1b2d.js) that browsers keep for a year without asking
// again; only the HTML shell, which names them, is revalidated on each
// visit. At start the server:
//   - hashes every file that is not JavaScript (CSS, SVG art, ...) by its bytes;
//   - fills assets/asset-url.js with the map from plain to hashed names, for
//     the URLs the UI builds at run time (an animal's art, an item's picture);
//   - rewrites the import specifiers and the literal "/assets/...", "/vendor/..."
//     and "/art/..." strings of each ES module to hashed names, and names each
//     module by the hash of everything it loads (its static and dynamic
//     imports, transitively, and the files they name), so a change anywhere
//     below a module renames it and every module above it;
//   - rewrites the shell's href and src attributes;
//   - compresses every text file with gzip and brotli, once per process.
//
// The plain names still answer (with no-cache and an ETag), for pictures
// stored by path (store items) and for a page loaded before an upgrade.

const immutable = "public, max-age=31536000, immutable"

// staticFile is one embedded UI file, ready to send: its bytes, their gzip
// and brotli forms (nil when not smaller), type and ETag are computed once
// at start, not per request.
type staticFile struct {
	body        []byte
	gzip        []byte
	br          []byte
	contentType string
	etag        string
	hashed      string // its content-hashed URL path
}

type staticFiles struct {
	files  map[string]*staticFile // by plain URL path, e.g. "/assets/app.js"
	hashed map[string]*staticFile // by hashed URL path, e.g. "/assets/app.3f9c0a1b2d.js"
	index  *staticFile
}

// assetURLModule is the module the UI asks for hashed names at run time;
// assetMapMarker in it is replaced by the map.
const (
	assetURLModule = "/assets/asset-url.js"
	assetMapMarker = "{/*asset map*/}"
)

var (
	// jsSpecifier finds module specifiers: from '...', import '...', import('...').
	jsSpecifier = regexp.MustCompile(`(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)(['"])`)
	// jsPathLiteral finds other literal URLs of UI files in code.
	jsPathLiteral = regexp.MustCompile(`(['"])(/(?:assets|vendor|art)/[^'"\s$]+)(['"])`)
	// htmlRef finds the shell's references.
	htmlRef = regexp.MustCompile(`\b(href|src)="(/[^"]+)"`)
	// hashInName is the hash part of a hashed name, before the extension.
	hashInName = regexp.MustCompile(`\.[0-9a-f]{10}(\.[A-Za-z0-9]+)$`)
)

// staticCache keeps the prepared files of an embedded (immutable) tree, so
// that starting many servers in one process (the tests) compresses once.
var staticCache sync.Map // fs.FS -> *staticFiles

func loadStatic(ui fs.FS) (*staticFiles, error) {
	cacheable := ui != nil && reflect.TypeOf(ui).Comparable()
	if cacheable {
		if sf, ok := staticCache.Load(ui); ok {
			return sf.(*staticFiles), nil
		}
	}
	sf, err := prepareStatic(ui)
	if err != nil {
		return nil, fmt.Errorf("web: unable to load embedded UI: %w", err)
	}
	if cacheable {
		staticCache.Store(ui, sf)
	}
	return sf, nil
}

func isJS(p string) bool { return strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".mjs") }

func shortHash(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:", len(p))
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// withHash inserts the hash before the extension: /a/b.module.js -> /a/b.module.<h>.js.
func withHash(p, hash string) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hash + ext
}

func prepareStatic(ui fs.FS) (*staticFiles, error) {
	raw := map[string][]byte{} // plain URL path -> bytes
	err := fs.WalkDir(ui, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".sh") || strings.HasSuffix(p, ".md") {
			return err
		}
		body, err := fs.ReadFile(ui, p)
		if err != nil {
			return err
		}
		raw["/"+p] = body
		return nil
	})
	if err != nil {
		return nil, err
	}
	if raw["/index.html"] == nil {
		return nil, fmt.Errorf("embedded UI has no index.html")
	}
	names := make([]string, 0, len(raw))
	for p := range raw {
		names = append(names, p)
	}
	sort.Strings(names)

	// 1. Files that are not code are named by their bytes.
	hashed := map[string]string{} // plain -> hashed URL path
	leaves := map[string]string{} // the pictures and styles code may name at run time
	for _, p := range names {
		if !isJS(p) && p != "/index.html" {
			hashed[p] = withHash(p, shortHash(raw[p]))
			if !strings.HasPrefix(p, "/vendor/") && path.Ext(p) != ".txt" {
				leaves[p] = hashed[p]
			}
		}
	}
	// 2. The run-time map, filled in once the modules are rewritten (its
	// keys are plain names on purpose); its hash counts the filled form.
	ident := func(p string) []byte { return raw[p] }
	var filledAssetURL []byte
	if src, ok := raw[assetURLModule]; ok {
		m, err := json.Marshal(leaves) // sorted keys: the same bytes at every start
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(src, []byte(assetMapMarker)) {
			return nil, fmt.Errorf("%s lacks the marker %s", assetURLModule, assetMapMarker)
		}
		filledAssetURL = bytes.Replace(src, []byte(assetMapMarker), m, 1)
		ident = func(p string) []byte {
			if p == assetURLModule {
				return filledAssetURL
			}
			return raw[p]
		}
	}
	// 3. Modules: what each one names, then a hash over its closure.
	deps := map[string][]string{} // module -> modules it imports
	refs := map[string][]string{} // module -> hashed names of other files it names
	resolve := func(from, spec string) string {
		var p string
		switch {
		case strings.HasPrefix(spec, "./"), strings.HasPrefix(spec, "../"):
			p = path.Join(path.Dir(from), spec)
		case strings.HasPrefix(spec, "/"):
			p = path.Clean(spec)
		default:
			return ""
		}
		if _, ok := raw[p]; !ok {
			return ""
		}
		return p
	}
	for _, p := range names {
		if !isJS(p) {
			continue
		}
		add := func(target string) {
			if target == "" {
				return
			}
			if isJS(target) {
				deps[p] = append(deps[p], target)
			} else {
				refs[p] = append(refs[p], hashed[target])
			}
		}
		for _, m := range jsSpecifier.FindAllSubmatch(raw[p], -1) {
			add(resolve(p, string(m[3])))
		}
		for _, m := range jsPathLiteral.FindAllSubmatch(raw[p], -1) {
			add(resolve(p, string(m[2])))
		}
	}
	for _, p := range names {
		if !isJS(p) {
			continue
		}
		closure := map[string]bool{p: true}
		stack := []string{p}
		for len(stack) > 0 {
			cur := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range deps[cur] {
				if !closure[d] {
					closure[d] = true
					stack = append(stack, d)
				}
			}
		}
		members := make([]string, 0, len(closure))
		for m := range closure {
			members = append(members, m)
		}
		sort.Strings(members)
		var parts [][]byte
		for _, m := range members {
			r := append([]string(nil), refs[m]...)
			sort.Strings(r)
			parts = append(parts, []byte(m), ident(m), []byte(strings.Join(r, "\n")))
		}
		hashed[p] = withHash(p, shortHash(parts...))
	}
	// 4. Rewrite the modules and the shell to hashed names.
	for _, p := range names {
		if !isJS(p) {
			continue
		}
		src := jsSpecifier.ReplaceAllFunc(raw[p], func(m []byte) []byte {
			s := jsSpecifier.FindSubmatch(m)
			if t := resolve(p, string(s[3])); t != "" && s[2][0] == s[4][0] {
				return []byte(string(s[1]) + string(s[2]) + hashed[t] + string(s[4]))
			}
			return m
		})
		src = jsPathLiteral.ReplaceAllFunc(src, func(m []byte) []byte {
			s := jsPathLiteral.FindSubmatch(m)
			if t := resolve(p, string(s[2])); t != "" && s[1][0] == s[3][0] {
				return []byte(string(s[1]) + hashed[t] + string(s[3]))
			}
			return m
		})
		raw[p] = src
	}
	if filledAssetURL != nil {
		raw[assetURLModule] = filledAssetURL
	}
	raw["/index.html"] = htmlRef.ReplaceAllFunc(raw["/index.html"], func(m []byte) []byte {
		s := htmlRef.FindSubmatch(m)
		if h, ok := hashed[string(s[2])]; ok {
			return []byte(string(s[1]) + `="` + h + `"`)
		}
		return m
	})

	// 5. Ready to send, compressed once.
	sf := &staticFiles{files: map[string]*staticFile{}, hashed: map[string]*staticFile{}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 2)
	for _, p := range names {
		f := &staticFile{body: raw[p], contentType: contentTypeOf(p), hashed: hashed[p]}
		sum := sha256.Sum256(f.body)
		f.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		sf.files[p] = f
		if f.hashed != "" {
			sf.hashed[f.hashed] = f
		}
		if !compressible(f.contentType) || len(f.body) < 256 {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			gz, br, err := compress(f.body)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("compress %s: %w", p, err)
				}
				return
			}
			if len(gz) < len(f.body) {
				f.gzip = gz
			}
			if len(br) < len(f.body) {
				f.br = br
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	sf.index = sf.files["/index.html"]
	return sf, nil
}

func contentTypeOf(p string) string {
	switch path.Ext(p) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".txt", "":
		return "text/plain; charset=utf-8"
	}
	if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json") || strings.Contains(ct, "svg")
}

// brotliLevel trades a little size for start time: on the embedded UI,
// level 5 gives 131.6 KB against level 11's 120.1 KB (9% more) in about a
// twentieth of the time (docs/PERFORMANCE.md, "Static files").
const brotliLevel = 5

// compress makes the gzip (best level) and brotli forms, once at start.
func compress(b []byte) (gz, br []byte, err error) {
	var g bytes.Buffer
	gw, err := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	if _, err := gw.Write(b); err != nil {
		return nil, nil, err
	}
	if err := gw.Close(); err != nil {
		return nil, nil, err
	}
	var r bytes.Buffer
	bw := brotli.NewWriterLevel(&r, brotliLevel)
	if _, err := bw.Write(b); err != nil {
		return nil, nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, nil, err
	}
	return g.Bytes(), r.Bytes(), nil
}

// acceptsEncoding tells whether an Accept-Encoding header allows coding
// (listed without q=0).
func acceptsEncoding(header, coding string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		for param := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(param), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// send writes f, brotli- or gzip-compressed when the browser takes it,
// with its ETag (one per form), answering 304 when the browser has it.
func (f *staticFile) send(c *fiber.Ctx, cacheControl string) error {
	body, etag, coding := f.body, f.etag, ""
	if f.br != nil || f.gzip != nil {
		c.Vary(fiber.HeaderAcceptEncoding)
		ae := c.Get(fiber.HeaderAcceptEncoding)
		switch {
		case f.br != nil && acceptsEncoding(ae, "br"):
			body, coding = f.br, "br"
		case f.gzip != nil && acceptsEncoding(ae, "gzip"):
			body, coding = f.gzip, "gzip"
		}
		if coding != "" {
			etag = strings.TrimSuffix(etag, `"`) + "-" + coding + `"`
		}
	}
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, cacheControl)
	if match := c.Get(fiber.HeaderIfNoneMatch); match != "" && strings.Contains(match, etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, f.contentType)
	if coding != "" {
		c.Set(fiber.HeaderContentEncoding, coding)
	}
	return c.Send(body)
}

// asset serves /assets, /vendor and /art. A hashed name never changes
// content, so browsers keep it for a year without asking. A plain name (a
// stored picture path, a page from before an upgrade asking for an older
// hash) gets the current file, revalidated each time.
func (sf *staticFiles) asset(c *fiber.Ctx) error {
	p := c.Path()
	if f := sf.hashed[p]; f != nil {
		return f.send(c, immutable)
	}
	f := sf.files[p]
	if f == nil {
		f = sf.files[hashInName.ReplaceAllString(p, "$1")]
	}
	if f == nil {
		return errNotFound()
	}
	return f.send(c, "no-cache")
}

// page serves the UI shell for every browser route (/, /join/CODE, ...);
// the client-side router draws the page. It always revalidates so an
// upgrade shows at once (it names the new hashed files).
func (sf *staticFiles) page(c *fiber.Ctx) error {
	return sf.index.send(c, "no-cache")
}
