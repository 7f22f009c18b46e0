package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
)

// smallJSON is the size limit of form-like bodies (logins, profiles, invites).
const smallJSON = 16 << 10

// readJSON decodes the request body into dst strictly: JSON content type,
// at most limit bytes, valid UTF-8 (encoding/json would silently replace
// bad bytes), one JSON object, no unknown fields, no trailing data. Every
// refusal is a 4xx APIError that says what to fix.
func readJSON(c *fiber.Ctx, dst any, limit int) error {
	mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || mt != fiber.MIMEApplicationJSON {
		return Err(http.StatusUnsupportedMediaType, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
	}
	return decodeJSON(c.Body(), dst, limit)
}

// decodeJSON is readJSON without the request (and the fuzz targets' entry).
func decodeJSON(body []byte, dst any, limit int) error {
	if len(body) > limit {
		return Err(http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("What you sent is too large (at most %d bytes).", limit))
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return Err(http.StatusBadRequest, "empty_body", "Nothing was sent. Fill in the form and try again.")
	}
	if !utf8.Valid(body) {
		return Err(http.StatusBadRequest, "bad_encoding", "What you sent has characters that are not valid text (UTF-8).")
	}
	if trimmed[0] != '{' {
		return Err(http.StatusBadRequest, "bad_json", "Send a JSON object, like {\"name\": \"value\"}.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Err(http.StatusBadRequest, "trailing_data", "Send exactly one JSON object, with nothing after it.")
	}
	return nil
}

func jsonError(err error) *APIError {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return Err(http.StatusBadRequest, "bad_json", fmt.Sprintf("This isn't valid JSON (a problem near character %d).", syntax.Offset))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		e := Err(http.StatusBadRequest, "wrong_type", fmt.Sprintf("%q should be %s.", field, jsonKind(typ.Type.Kind().String())))
		e.Fields = map[string]string{field: "This should be " + jsonKind(typ.Type.Kind().String()) + "."}
		return e
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Err(http.StatusBadRequest, "bad_json", "This JSON stops too early. Send the whole object.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		if r := []rune(name); len(r) > 40 {
			name = string(r[:40])
		}
		e := Err(http.StatusBadRequest, "unknown_field", fmt.Sprintf("%q is not something we know. Send only the fields of the form.", name))
		e.Fields = map[string]string{name: "We don't know this field."}
		return e
	}
	return Err(http.StatusBadRequest, "bad_json", "This isn't valid JSON.")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "int", "int64", "int32", "uint", "uint32", "uint64", "float64":
		return "a number"
	case "slice", "array":
		return "a list"
	}
	return "an object"
}
