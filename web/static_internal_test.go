package web

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	uiembed "animalgenius/embed"
)

func miniUI(leafJS, art string) fstest.MapFS {
	return fstest.MapFS{
		"index.html":            {Data: []byte(`<link rel="stylesheet" href="/assets/app.css"><script type="module" src="/assets/app.js"></script>`)},
		"assets/app.css":        {Data: []byte(`body{}`)},
		"assets/app.js":         {Data: []byte("import { a } from './mid.js';\nconst lazy = () => import('./pages/other.js');\n")},
		"assets/mid.js":         {Data: []byte("export * from \"/assets/leaf.js\";\nexport const css = '/assets/app.css';\n")},
		"assets/leaf.js":        {Data: []byte(leafJS)},
		"assets/pages/other.js": {Data: []byte("import { x } from '../leaf.js';\nimport { assetURL } from '../asset-url.js';\n// import('./not-there.js') stays as it is\n")},
		"assets/asset-url.js":   {Data: []byte("const HASHED = {/*asset map*/};\nexport const assetURL = (p) => HASHED[p] || p;\n")},
		"art/owl.svg":           {Data: []byte(art)},
	}
}

// A change in a module renames it and every module that loads it, directly
// or not, and nothing else; a change in a picture renames the run-time map
// and the modules that load the map.
func TestStaticHashesFollowTheImportTree(t *testing.T) {
	base, err := prepareStatic(miniUI("export const a = 1;", "<svg/>"))
	if err != nil {
		t.Fatal(err)
	}
	leafChanged, err := prepareStatic(miniUI("export const a = 2;", "<svg/>"))
	if err != nil {
		t.Fatal(err)
	}
	artChanged, err := prepareStatic(miniUI("export const a = 1;", "<svg></svg>"))
	if err != nil {
		t.Fatal(err)
	}
	renamed := func(other *staticFiles) []string {
		var out []string
		for p, f := range base.files {
			if f.hashed != other.files[p].hashed {
				out = append(out, p)
			}
		}
		slices.Sort(out)
		return out
	}
	if got, want := strings.Join(renamed(leafChanged), " "), "/assets/app.js /assets/leaf.js /assets/mid.js /assets/pages/other.js"; got != want {
		t.Errorf("leaf.js changed: renamed %s, want %s", got, want)
	}
	if got, want := strings.Join(renamed(artChanged), " "), "/art/owl.svg /assets/app.js /assets/asset-url.js /assets/pages/other.js"; got != want {
		t.Errorf("owl.svg changed: renamed %s, want %s", got, want)
	}
	app := string(base.files["/assets/app.js"].body)
	mid := string(base.files["/assets/mid.js"].body)
	other := string(base.files["/assets/pages/other.js"].body)
	for _, want := range []struct{ in, s string }{
		{app, "from '" + base.files["/assets/mid.js"].hashed + "'"},
		{app, "import('" + base.files["/assets/pages/other.js"].hashed + "')"},
		{mid, `from "` + base.files["/assets/leaf.js"].hashed + `"`},
		{mid, "'" + base.files["/assets/app.css"].hashed + "'"},
		{other, "from '" + base.files["/assets/asset-url.js"].hashed + "'"},
		{other, "import('./not-there.js')"},
		{string(base.files["/assets/asset-url.js"].body), `{"/art/owl.svg":"` + base.files["/art/owl.svg"].hashed + `","/assets/app.css":"`},
		{string(base.index.body), `src="` + base.files["/assets/app.js"].hashed + `"`},
	} {
		if !strings.Contains(want.in, want.s) {
			t.Errorf("want %q in:\n%s", want.s, want.in)
		}
	}
}

func TestAcceptsEncoding(t *testing.T) {
	for _, c := range []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br", "br", true},
		{"gzip, deflate, br", "gzip", true},
		{"gzip;q=0.5, br;q=0", "br", false},
		{"gzip;q=0.000", "gzip", false},
		{"GZIP ; q=0.1", "gzip", true},
		{"x-gzip", "gzip", false},
		{"", "gzip", false},
		{"br;q=nonsense", "br", false},
	} {
		if got := acceptsEncoding(c.header, c.coding); got != c.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v, want %v", c.header, c.coding, got, c.want)
		}
	}
}

// FuzzAcceptsEncoding: any Accept-Encoding a client sends is read without
// a panic, a coding it does not name is never taken, and one it names
// alone is always taken.
func FuzzAcceptsEncoding(f *testing.F) {
	for _, h := range []string{"gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "gzip;q=0", "*", ";;,,;q=", "gzip;q=1e999", "GZip ; Q=0.5"} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		got := acceptsEncoding(h, "gzip")
		if got && !strings.Contains(strings.ToLower(h), "gzip") {
			t.Fatalf("acceptsEncoding(%q, gzip) took a coding the header does not name", h)
		}
		if !acceptsEncoding(h+", gzip", "gzip") && !strings.Contains(strings.ToLower(h), "gzip") {
			t.Fatalf("acceptsEncoding(%q + \", gzip\") refused gzip", h)
		}
	})
}

// BenchmarkPrepareStatic is the start-up cost of hashing, rewriting and
// compressing (gzip and brotli at their best levels) the embedded UI, paid
// once per process.
func BenchmarkPrepareStatic(b *testing.B) {
	var raw, gz, br int
	for b.Loop() {
		sf, err := prepareStatic(uiembed.FS)
		if err != nil {
			b.Fatal(err)
		}
		raw, gz, br = 0, 0, 0
		for _, f := range sf.files {
			raw += len(f.body)
			gz += len(f.body)
			br += len(f.body)
			if f.gzip != nil {
				gz += len(f.gzip) - len(f.body)
			}
			if f.br != nil {
				br += len(f.br) - len(f.body)
			}
		}
	}
	b.ReportMetric(float64(raw), "bytes-raw")
	b.ReportMetric(float64(gz), "bytes-gzip")
	b.ReportMetric(float64(br), "bytes-br")
}
