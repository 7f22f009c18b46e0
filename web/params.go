package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

	"animalgenius/app/jsonbody"
)

// The request helpers: every handler reads path ids, query numbers and
// headers through these, so each is parsed (and refused) one way. Values
// they return are parsed or copied: nothing points into fiber's buffers.

// maxIDDigits bounds a path id: longer is not an id of ours (and would
// overflow int64).
const maxIDDigits = 18

// pathID reads a positive integer id from the path; anything else is 404
// not_found, like an id that does not exist (so ids are not confirmed).
func pathID(c *fiber.Ctx, name string) (int64, error) {
	id, ok := parseID(c.Params(name))
	if !ok {
		return 0, errNotFound()
	}
	return id, nil
}

// parseID is a positive decimal id of at most maxIDDigits digits.
func parseID(raw string) (int64, bool) {
	if raw == "" || len(raw) > maxIDDigits {
		return 0, false
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// rosterStudent is the class of the path (resolved and authorised by
// loadClass) and the student id of the path; the domain refuses a student
// that is not in the class.
func rosterStudent(c *fiber.Ctx) (int64, int64, error) {
	id, err := pathID(c, "studentID")
	if err != nil {
		return 0, 0, err
	}
	return classID(c), id, nil
}

// queryInt reads the optional query parameter name as a whole number from
// lo to hi: def when it is absent, a 400 with msg when it is anything else.
func queryInt(c *fiber.Ctx, name string, def, lo, hi int64, msg string) (int64, error) {
	raw := c.Query(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, errBadRequest(msg)
	}
	return n, nil
}

// queryFlag is a query switch: true only for ?name=1.
func queryFlag(c *fiber.Ctx, name string) bool { return c.Query(name) == "1" }

// idempotencyKey is the request's Idempotency-Key header, copied (it is
// kept in the ledger and compared after the handler).
func idempotencyKey(c *fiber.Ctx) string { return strings.Clone(c.Get("Idempotency-Key")) }

// noStoreHeader is the Cache-Control of every API answer: they carry
// accounts' and students' data, so no browser or proxy keeps them.
const noStoreHeader = "no-store"

// noStore is the middleware of /api/v1: every answer is no-store unless
// its handler sets a Cache-Control of its own afterwards (pictures, the
// quiz, QR codes that may be cached say so themselves).
func noStore(c *fiber.Ctx) error {
	setHeader(&c.Response().Header, hdrNoStore)
	return c.Next()
}

var hdrNoStore = newHeader(fiber.HeaderCacheControl, noStoreHeader)

// sendJSONBytes answers with JSON encoded already. The bytes are sent as
// they are, not copied: callers pass encodings that nothing changes
// afterwards (a snapshot's cached answer, one made for this answer, a
// constant).
func sendJSONBytes(c *fiber.Ctx, body []byte) error {
	c.Response().Header.SetContentType(fiber.MIMEApplicationJSON)
	c.Response().SetBodyRaw(body)
	return nil
}

var (
	hdrVaryEncoding = newHeader(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	hdrGzip         = newHeader(fiber.HeaderContentEncoding, "gzip")
)

// sendJSONBody answers with a kept answer: gzipped when the client takes
// gzip and the answer is worth compressing (made once per answer, see
// jsonbody), as it is otherwise. Either way the bytes are not copied.
func sendJSONBody(c *fiber.Ctx, body *jsonbody.Body) error {
	h := &c.Response().Header
	h.SetContentType(fiber.MIMEApplicationJSON)
	if !body.Compressible() {
		c.Response().SetBodyRaw(body.JSON())
		return nil
	}
	setHeader(h, hdrVaryEncoding)
	if ae := c.Request().Header.Peek(fiber.HeaderAcceptEncoding); len(ae) > 0 && acceptsEncoding(utils.UnsafeString(ae), "gzip") {
		if gz := body.Gzip(); gz != nil {
			setHeader(h, hdrGzip)
			c.Response().SetBodyRaw(gz)
			return nil
		}
	}
	c.Response().SetBodyRaw(body.JSON())
	return nil
}
