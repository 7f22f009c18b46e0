package embed

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// countWithShortcut is a count followed by a noun with "(s)" or "(es)":
// "${n} class(es)". Counts say "1 class" and "2 classes" (countOf).
var countWithShortcut = regexp.MustCompile(`\$\{[^}]*\} [A-Za-z]+\((s|es)\)`)

func TestCountsUsePluralRules(t *testing.T) {
	err := fs.WalkDir(FS, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") {
			return err
		}
		b, err := fs.ReadFile(FS, path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := countWithShortcut.FindString(line); m != "" {
				t.Errorf("%s:%d: %q: write the count with countOf", path, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !countWithShortcut.MatchString("Their ${h.classes} class(es) with") || countWithShortcut.MatchString("${countOf(n, 'class', 'classes')}") {
		t.Fatal("the pattern misses the shape it looks for")
	}
}
