package quiz

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// artDir is where the avatar art lives (embedded by package embed).
var artDir = filepath.Join("..", "..", "embed", "art", "animals")

// TestAnimalArt checks the SVG for every animal: well-formed, the agreed
// viewBox, recolourable through --ag-primary/--ag-secondary with the SPEC
// colour as the default, and nothing that can run or fetch anything.
func TestAnimalArt(t *testing.T) {
	for _, a := range Animals() {
		t.Run(a.Code, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(artDir, a.Code+".svg"))
			if err != nil {
				t.Fatal(err)
			}
			lower := strings.ToLower(string(data))
			for _, banned := range []string{"<script", "href", "url(", "@import", "<text", "font", "<foreignobject", "<image", "javascript:", "id="} {
				if strings.Contains(lower, banned) {
					t.Errorf("contains %q", banned)
				}
			}
			wantStyle := ".ag-" + a.Code + " .ag-primary{fill:var(--ag-primary," + strings.ToLower(a.Color) + ")}"
			if !strings.Contains(lower, wantStyle) {
				t.Errorf("style does not contain %s", wantStyle)
			}
			classes := map[string]int{}
			dec := xml.NewDecoder(bytes.NewReader(data))
			first := true
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
				el, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				if first {
					first = false
					if el.Name.Local != "svg" || attr(el, "viewBox") != "0 0 200 200" {
						t.Errorf("root is <%s viewBox=%q>, want <svg viewBox=\"0 0 200 200\">", el.Name.Local, attr(el, "viewBox"))
					}
					if !strings.Contains(" "+attr(el, "class")+" ", " ag-"+a.Code+" ") {
						t.Errorf("root class %q lacks ag-%s", attr(el, "class"), a.Code)
					}
				}
				for _, at := range el.Attr {
					if strings.HasPrefix(strings.ToLower(at.Name.Local), "on") {
						t.Errorf("event attribute %s", at.Name.Local)
					}
				}
				for _, c := range strings.Fields(attr(el, "class")) {
					classes[c]++
				}
			}
			if classes["ag-primary"] < 2 || classes["ag-secondary"] < 1 {
				t.Errorf("shapes by class: %v; want main shapes ag-primary and accents ag-secondary", classes)
			}
		})
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
