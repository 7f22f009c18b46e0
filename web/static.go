package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// staticFile is one embedded UI file, ready to send: its bytes, type and
// ETag are computed once at start, not per request.
type staticFile struct {
	body        []byte
	contentType string
	etag        string
}

type staticFiles struct {
	files map[string]*staticFile // by URL path, e.g. "/assets/app.js"
	index *staticFile
}

func loadStatic(ui fs.FS) (*staticFiles, error) {
	sf := &staticFiles{files: map[string]*staticFile{}}
	err := fs.WalkDir(ui, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".sh") || strings.HasSuffix(p, ".md") {
			return err
		}
		body, err := fs.ReadFile(ui, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(p))
		switch path.Ext(p) {
		case ".js", ".mjs":
			ct = "text/javascript; charset=utf-8"
		case ".svg":
			ct = "image/svg+xml"
		case ".txt", "":
			ct = "text/plain; charset=utf-8"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		sf.files["/"+p] = &staticFile{body: body, contentType: ct, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: unable to load embedded UI: %w", err)
	}
	sf.index = sf.files["/index.html"]
	if sf.index == nil {
		return nil, fmt.Errorf("web: embedded UI has no index.html")
	}
	return sf, nil
}

// send writes f with its ETag, answering 304 when the browser has it.
func (f *staticFile) send(c *fiber.Ctx, cacheControl string) error {
	c.Set(fiber.HeaderETag, f.etag)
	c.Set(fiber.HeaderCacheControl, cacheControl)
	if match := c.Get(fiber.HeaderIfNoneMatch); match != "" && strings.Contains(match, f.etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, f.contentType)
	return c.Send(f.body)
}

// asset serves /assets, /vendor and /art. File names carry no version, so
// browsers revalidate every time; the ETag makes that a cheap 304 and an
// upgrade shows at once.
func (sf *staticFiles) asset(c *fiber.Ctx) error {
	f := sf.files[c.Path()]
	if f == nil {
		return errNotFound()
	}
	return f.send(c, "no-cache")
}

// page serves the UI shell for every browser route (/, /join/CODE, ...);
// the client-side router draws the page. It always revalidates so an
// upgrade shows at once.
func (sf *staticFiles) page(c *fiber.Ctx) error {
	return sf.index.send(c, "no-cache")
}
