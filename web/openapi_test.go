package web_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/web"
)

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// registeredAPIRoutes lists the routes the running server registers under
// /api/v1 as "METHOD /api/v1/path/{param}" (HEAD twins of GET, middleware
// and the catch-all 404 left out).
func registeredAPIRoutes(t *testing.T, app *apptest.App) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range app.App.Server().App().GetRoutes(true) {
		if !strings.HasPrefix(r.Path, apptest.APIPrefix+"/") || strings.HasSuffix(r.Path, "*") {
			continue
		}
		switch r.Method {
		case "GET", "POST", "PUT", "PATCH", "DELETE":
		default:
			continue
		}
		p := strings.TrimSuffix(fiberParam.ReplaceAllString(r.Path, "{$1}"), "/")
		seen[r.Method+" "+p] = true
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestOpenAPIDocumentsEveryRoute fails when a route registered under
// /api/v1 is missing from web/openapi.json or a documented one is not
// registered, and lists exactly which. To document a route, see the
// "Shared resources" note in TEAM.md and web/openapi.json's components.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	app := apptest.Start(t, nil)
	doc, err := apptest.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	registered := registeredAPIRoutes(t, app)
	if len(registered) < 50 {
		t.Fatalf("only %d routes registered under /api/v1: the walk is broken", len(registered))
	}
	var documented []string
	for _, op := range doc.Operations {
		documented = append(documented, op.Method+" "+op.Template)
	}
	var missing, extra []string
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			missing = append(missing, r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			extra = append(extra, d)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d registered route(s) missing from web/openapi.json (add them under \"paths\", without the /api/v1 prefix):\n\t%s",
			len(missing), strings.Join(missing, "\n\t"))
	}
	if len(extra) > 0 {
		t.Errorf("%d route(s) in web/openapi.json that the server does not register (remove or fix them):\n\t%s",
			len(extra), strings.Join(extra, "\n\t"))
	}
}

// TestOpenAPIDocument checks the description itself: served as is at
// /api/v1/openapi.json, OpenAPI 3.1, every operation with a unique
// operationId, a summary, its path parameters declared, an error response,
// and every request body a schema.
func TestOpenAPIDocument(t *testing.T) {
	app := apptest.Start(t, nil)
	status, h, body := app.Get("/api/v1/openapi.json")
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || body != string(web.OpenAPI()) {
		t.Fatalf("GET /api/v1/openapi.json: %d %q, %d bytes (want the embedded %d bytes)", status, h.Get("Content-Type"), len(body), len(web.OpenAPI()))
	}
	if status, h, _ := app.Get("/api/v1/openapi.json", "Accept-Encoding", "br"); status != 200 || h.Get("Content-Encoding") != "br" {
		t.Errorf("brotli form: %d, Content-Encoding %q", status, h.Get("Content-Encoding"))
	}
	doc, err := apptest.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := doc.Raw["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi version %q, want 3.1.x", v)
	}
	var raw struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(web.OpenAPI(), &raw); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for p, item := range raw.Paths {
		var shared []struct {
			Name string `json:"name"`
			In   string `json:"in"`
		}
		if ps, ok := item["parameters"]; ok {
			if err := json.Unmarshal(ps, &shared); err != nil {
				t.Errorf("%s parameters: %v", p, err)
			}
		}
		for m, rawOp := range item {
			if m == "parameters" || m == "summary" || m == "description" {
				continue
			}
			var op struct {
				OperationID string `json:"operationId"`
				Summary     string `json:"summary"`
				Parameters  []struct {
					Name string `json:"name"`
					In   string `json:"in"`
					Ref  string `json:"$ref"`
				} `json:"parameters"`
				RequestBody *struct {
					Content map[string]struct {
						Schema json.RawMessage `json:"schema"`
					} `json:"content"`
				} `json:"requestBody"`
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(rawOp, &op); err != nil {
				t.Errorf("%s %s: %v", m, p, err)
				continue
			}
			where := strings.ToUpper(m) + " " + p
			if op.OperationID == "" || op.Summary == "" {
				t.Errorf("%s: needs an operationId and a summary", where)
			}
			if prev, dup := ids[op.OperationID]; dup {
				t.Errorf("%s: operationId %q is also %s", where, op.OperationID, prev)
			}
			ids[op.OperationID] = where
			declared := map[string]bool{}
			for _, s := range shared {
				if s.In == "path" {
					declared[s.Name] = true
				}
			}
			for _, prm := range op.Parameters {
				if prm.In == "path" {
					declared[prm.Name] = true
				}
				if prm.Ref != "" {
					declared[strings.TrimPrefix(prm.Ref, "#/components/parameters/")] = true
				}
			}
			for _, name := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(p, -1) {
				if !declared[name[1]] {
					t.Errorf("%s: path parameter %q is not declared", where, name[1])
				}
			}
			if _, ok := op.Responses["default"]; !ok {
				if _, ok4 := op.Responses["4XX"]; !ok4 {
					t.Errorf("%s: documents no error response (default: the Error envelope)", where)
				}
			}
			if op.RequestBody != nil {
				for ct, c := range op.RequestBody.Content {
					if len(c.Schema) == 0 {
						t.Errorf("%s: request body %s has no schema", where, ct)
					}
				}
			}
		}
	}
}

// TestOpenAPICheckCatchesAWrongAnswer makes sure the validation Run relies
// on can fail: a wrong shape, an undocumented status and a non-envelope
// error are each refused.
func TestOpenAPICheckCatchesAWrongAnswer(t *testing.T) {
	doc, err := apptest.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	const js = "application/json; charset=utf-8"
	if err := doc.Check("GET", "/api/v1/version", 200, js, `{"version":"1.0.0"}`); err != nil {
		t.Errorf("a right answer refused: %v", err)
	}
	for _, c := range []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/api/v1/version", `{"version":7}`, 200},
		{"GET", "/api/v1/version", `{"version":"1"}`, 299},
		{"GET", "/api/v1/classes/12", `{"oops":true}`, 404},
		{"GET", "/api/v1/no-such-thing", `{"error":"not_found"}`, 404},
		{"GET", "/api/v1/no-such-thing", `{}`, 200},
	} {
		if err := doc.Check(c.method, c.path, c.status, js, c.body); err == nil {
			t.Errorf("%s %s %d %s: accepted", c.method, c.path, c.status, c.body)
		}
	}
}
