package web

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"slices"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// openAPIDoc describes every route under /api/v1 (OpenAPI 3.1): its
// parameters, request body and response schemas, the error envelope too.
// web/openapi_test.go fails when a registered route is missing from it or
// a documented one is not registered, and apptest.App.Run checks every
// scenario's JSON response against the schema of its route and status.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the API description served at /api/v1/openapi.json.
func OpenAPI() []byte { return slices.Clone(openAPIDoc) }

// openAPIFile is the description ready to send, compressed on first use.
// Like every /api/v1 answer it is no-store (web/params.go's noStore).
var openAPIFile = sync.OnceValue(func() *staticFile {
	sum := sha256.Sum256(openAPIDoc)
	f := &staticFile{body: openAPIDoc, contentType: fiber.MIMEApplicationJSONCharsetUTF8, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if gz, br, err := compress(openAPIDoc); err == nil {
		f.gzip, f.br = gz, br
	}
	return f
})

func (s *Server) openAPI(c *fiber.Ctx) error {
	return openAPIFile().send(c, noStoreHeader)
}
