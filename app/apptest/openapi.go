package apptest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"animalgenius/web"
)

// APIPrefix is where the API description's paths are mounted (its server URL).
const APIPrefix = "/api/v1"

// APIOperation is one documented route of web/openapi.json.
type APIOperation struct {
	Method   string // GET, POST, ...
	Template string // full path with {params}, e.g. /api/v1/classes/{classID}
	params   int
	match    *regexp.Regexp
	// responses by status key ("200", "4XX", "default"): the compiled
	// schema of the application/json body, nil when the body is not JSON.
	responses map[string]*jsonschema.Schema
	declared  map[string]bool
}

// APIDoc is web/openapi.json compiled once: its operations and their
// response schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses).
type APIDoc struct {
	Raw        map[string]any
	Operations []*APIOperation
	errSchema  *jsonschema.Schema
}

var (
	apiDocOnce sync.Once
	apiDoc     *APIDoc
	apiDocErr  error
)

// OpenAPI compiles web.OpenAPI() once per test binary.
func OpenAPI() (*APIDoc, error) {
	apiDocOnce.Do(func() { apiDoc, apiDocErr = compileAPIDoc(web.OpenAPI()) })
	return apiDoc, apiDocErr
}

var pathParam = regexp.MustCompile(`\{[^/{}]+\}`)

func compileAPIDoc(raw []byte) (*APIDoc, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("web/openapi.json: %w", err)
	}
	var plain map[string]any
	if err := json.Unmarshal(raw, &plain); err != nil {
		return nil, fmt.Errorf("web/openapi.json: %w", err)
	}
	const base = "https://animalgenius.invalid/openapi.json"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(base, doc); err != nil {
		return nil, fmt.Errorf("web/openapi.json: %w", err)
	}
	compile := func(ptr ...string) (*jsonschema.Schema, error) {
		var b strings.Builder
		for _, tok := range ptr {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
			b.WriteString("/" + url.PathEscape(tok))
		}
		s, err := c.Compile(base + "#" + b.String())
		if err != nil {
			return nil, fmt.Errorf("web/openapi.json#%s: %w", strings.Join(ptr, "/"), err)
		}
		return s, nil
	}
	d := &APIDoc{Raw: plain}
	if d.errSchema, err = compile("components", "schemas", "Error"); err != nil {
		return nil, err
	}
	paths, _ := plain["paths"].(map[string]any)
	for p, item := range paths {
		methods, _ := item.(map[string]any)
		for m, opv := range methods {
			method := strings.ToUpper(m)
			switch method {
			case "GET", "POST", "PUT", "PATCH", "DELETE":
			default:
				continue // "parameters", "summary"...
			}
			op, _ := opv.(map[string]any)
			ao := &APIOperation{Method: method, Template: APIPrefix + p, responses: map[string]*jsonschema.Schema{}, declared: map[string]bool{},
				params: len(pathParam.FindAllString(p, -1))}
			ao.match = templateRegexp(APIPrefix + p)
			responses, _ := op["responses"].(map[string]any)
			if len(responses) == 0 {
				return nil, fmt.Errorf("web/openapi.json: %s %s documents no response", method, p)
			}
			for code, rv := range responses {
				ao.declared[code] = true
				r, _ := rv.(map[string]any)
				if ref, ok := r["$ref"].(string); ok {
					name := strings.TrimPrefix(ref, "#/components/responses/")
					r, _ = plain["components"].(map[string]any)["responses"].(map[string]any)[name].(map[string]any)
					content, _ := r["content"].(map[string]any)
					if _, ok := content["application/json"]; ok {
						if ao.responses[code], err = compile("components", "responses", name, "content", "application/json", "schema"); err != nil {
							return nil, err
						}
					}
					continue
				}
				content, _ := r["content"].(map[string]any)
				if _, ok := content["application/json"]; ok {
					if ao.responses[code], err = compile("paths", p, m, "responses", code, "content", "application/json", "schema"); err != nil {
						return nil, err
					}
				}
			}
			d.Operations = append(d.Operations, ao)
		}
	}
	sort.Slice(d.Operations, func(i, j int) bool {
		if d.Operations[i].Template != d.Operations[j].Template {
			return d.Operations[i].Template < d.Operations[j].Template
		}
		return d.Operations[i].Method < d.Operations[j].Method
	})
	return d, nil
}

func templateRegexp(t string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	rest := t
	for {
		loc := pathParam.FindStringIndex(rest)
		if loc == nil {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:loc[0]]))
		b.WriteString("[^/]+")
		rest = rest[loc[1]:]
	}
	b.WriteString("/?$")
	return regexp.MustCompile(b.String())
}

// Find is the documented operation a request goes to (the one with the
// fewest parameters when several templates match), or nil.
func (d *APIDoc) Find(method, path string) *APIOperation {
	var best *APIOperation
	for _, op := range d.Operations {
		if op.Method == method && op.match.MatchString(path) && (best == nil || op.params < best.params) {
			best = op
		}
	}
	return best
}

// Check validates a JSON response body of method path against the
// documented schema of its status. Requests to undocumented paths (an
// unknown path's 404, a wrong method) must be the error envelope.
func (d *APIDoc) Check(method, path string, status int, contentType, body string) error {
	if !strings.HasPrefix(path, APIPrefix+"/") || !strings.HasPrefix(contentType, "application/json") {
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s %s: %d answered invalid JSON: %v", method, path, status, err)
	}
	op := d.Find(method, path)
	if op == nil {
		if status < 400 {
			return fmt.Errorf("%s %s answered %d but no route of web/openapi.json matches it", method, path, status)
		}
		if err := d.errSchema.Validate(inst); err != nil {
			return fmt.Errorf("%s %s: %d is not the error envelope (components/schemas/Error): %v", method, path, status, err)
		}
		return nil
	}
	code := strconv.Itoa(status)
	key := code
	if !op.declared[key] {
		key = code[:1] + "XX"
	}
	if !op.declared[key] {
		key = "default"
	}
	if !op.declared[key] {
		return fmt.Errorf("%s %s answered %d, which web/openapi.json does not document (nor %cXX nor default)", op.Method, op.Template, status, code[0])
	}
	sch := op.responses[key]
	if sch == nil {
		return fmt.Errorf("%s %s answered %d with JSON, but web/openapi.json documents no application/json body for %s", op.Method, op.Template, status, key)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("%s %s (%s): the %d response does not match web/openapi.json (responses/%s): %v", method, path, op.Template, status, key, err)
	}
	return nil
}

// checkResponse is Run's hook: the scenario's JSON must match the API description.
func checkResponse(method, rawPath string, status int, h http.Header, body string) error {
	d, err := OpenAPI()
	if err != nil {
		return err
	}
	if enc := h.Get("Content-Encoding"); enc != "" && enc != "identity" {
		return nil // a test that asked for compressed bytes reads them itself
	}
	path := rawPath
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	return d.Check(method, path, status, h.Get("Content-Type"), body)
}
