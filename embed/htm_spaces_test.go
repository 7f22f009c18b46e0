package embed

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// htm (like JSX) drops whitespace that holds a line break at either end of a
// text: "leaves the building.\n  <a>Privacy</a>" shows as
// "building.Privacy", and "</code>\n  and look" as "</code>and look". A
// line break in a sentence must fall between two words of the text, never
// next to an element or an ${expression}. This finds the two shapes in our
// modules: text ending a line before an element or expression, and an
// element ending a line before text.
var (
	textThenElement = regexp.MustCompile(`(^|>)[^<>{}=` + "`" + `]*[A-Za-z][^<>{}=` + "`" + `]*[A-Za-z0-9.,:;!?)]$`)
	elementThenText = regexp.MustCompile(`(</[a-z0-9]+>|<//>|</\$\{[A-Za-z]+\}>)$`)
	startsText      = regexp.MustCompile(`^[a-z(]`)
	startsCode      = regexp.MustCompile(`^(if|return|const|let|for|case|else|while|function|await|catch|try)\b`)
)

func TestNoSpaceLostAtALineBreak(t *testing.T) {
	found := 0
	err := fs.WalkDir(FS, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") || path == "assets/preact.js" {
			return err
		}
		b, err := fs.ReadFile(FS, path)
		if err != nil {
			return err
		}
		lines := strings.Split(string(b), "\n")
		for i := 0; i+1 < len(lines); i++ {
			a, next := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
			if strings.HasPrefix(a, "//") || strings.HasPrefix(a, "*") || strings.HasPrefix(a, "/*") ||
				strings.HasPrefix(a, "import") || strings.HasPrefix(a, "export") {
				continue
			}
			elementNext := strings.HasPrefix(next, "<") && !strings.HasPrefix(next, "</") || strings.HasPrefix(next, "${")
			if textThenElement.MatchString(a) && elementNext ||
				elementThenText.MatchString(a) && startsText.MatchString(next) && !startsCode.MatchString(next) {
				found++
				t.Errorf("%s:%d: the space at this line break is lost: %q / %q", path, i+1, a, next)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d lost spaces", found)
}

// The check itself finds both shapes (and leaves a sentence alone).
func TestLostSpacePatterns(t *testing.T) {
	for _, tc := range []struct {
		a, next string
		lost    bool
	}{
		{`leaves the building.`, `<a href="/privacy">Privacy</a>`, true},
		{`<p>Audit lines are kept`, `${keep(days)}; and`, true},
		{`<code>animalgenius backup</code>`, `and look in the log.`, true},
		{`<p>Restart the server to get a new link,`, `or run <span>x</span> on the box.</p>`, false},
		{`${list.data && html` + "`" + `<div>`, `<table>`, false},
	} {
		elementNext := strings.HasPrefix(tc.next, "<") && !strings.HasPrefix(tc.next, "</") || strings.HasPrefix(tc.next, "${")
		got := textThenElement.MatchString(tc.a) && elementNext ||
			elementThenText.MatchString(tc.a) && startsText.MatchString(tc.next) && !startsCode.MatchString(tc.next)
		if got != tc.lost {
			t.Errorf("%q / %q: lost = %v, want %v", tc.a, tc.next, got, tc.lost)
		}
	}
}
