package economy

import (
	"io/fs"
	"strings"
	"testing"

	"animalgenius/embed"
)

func TestStarterCatalog(t *testing.T) {
	c, err := Starter()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Items) < 16 {
		t.Fatalf("starter catalog has %d items, the spec asks for at least 16", len(c.Items))
	}
	perSlot := map[Slot]int{}
	for _, it := range c.Items {
		perSlot[it.Slot]++
		assertArt(t, it.Image)
	}
	for _, s := range Slots {
		if perSlot[s] < 4 {
			t.Errorf("slot %s has %d items, want 4 or more", s, perSlot[s])
		}
	}
	if len(c.Species) < 4 {
		t.Fatalf("%d pet species, want 4", len(c.Species))
	}
	for _, sp := range c.Species {
		for _, mood := range []string{"happy", "neutral", "sad"} {
			assertArt(t, sp.Art+"-"+mood+".svg")
		}
	}
}

// assertArt checks the file ships and is plain SVG that layers safely:
// the 200x200 frame, no scripts, styles, ids or outside references.
func assertArt(t *testing.T, urlPath string) {
	t.Helper()
	b, err := fs.ReadFile(embed.FS, strings.TrimPrefix(urlPath, "/"))
	if err != nil {
		t.Errorf("art %s is missing: %v", urlPath, err)
		return
	}
	s := string(b)
	if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"`) {
		t.Errorf("art %s does not start with the 200x200 svg element", urlPath)
	}
	for _, bad := range []string{"<script", "<style", " id=", "href", "url(", "<image", "<foreignObject", " on"} {
		if strings.Contains(s, bad) {
			t.Errorf("art %s contains %q", urlPath, bad)
		}
	}
}
