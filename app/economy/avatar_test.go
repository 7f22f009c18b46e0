package economy

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"strings"
	"testing"

	"animalgenius/embed"
)

func readArt(t *testing.T, p string) []byte {
	t.Helper()
	b, err := fs.ReadFile(embed.FS, strings.TrimPrefix(p, "/"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wellFormed parses the whole document as XML.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
	}
}

func TestRenderAvatar(t *testing.T) {
	owl := readArt(t, "/art/animals/owl.svg")
	out, err := RenderAvatar(AvatarParts{
		Label: `Maya's "owl" <3`, Animal: owl, Primary: "#8B5CF6",
		Items: map[Slot]Art{
			SlotHat:        {SVG: readArt(t, "/art/items/hat-crown.svg")},
			SlotBackground: {SVG: readArt(t, "/art/items/bg-night.svg")},
			SlotNeck:       {Image: []byte("\x89PNG fake"), MIME: "image/png"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, out)
	s := string(out)
	for _, want := range []string{`fill="#8B5CF6"`, `fill="#F4F2DA"`, `aria-label="Maya&#39;s &#34;owl&#34; &lt;3"`, `href="data:image/png;base64,`} {
		if !strings.Contains(s, want) {
			t.Errorf("avatar lacks %s", want)
		}
	}
	for _, bad := range []string{"<style", "class=\"ag-primary\"", "var(--", "<title>Owl</title>", "<title>Gold crown</title>"} {
		if strings.Contains(s, bad) {
			t.Errorf("avatar still has %s", bad)
		}
	}
	// Back to front: background, animal, neck, hat.
	order := []string{`class="ag-background"`, `class="ag-animal"`, `class="ag-neck"`, `class="ag-hat"`}
	last := -1
	for _, o := range order {
		i := strings.Index(s, o)
		if i < last {
			t.Fatalf("%s is drawn out of order", o)
		}
		last = i
	}
	if strings.Contains(s, `class="ag-glasses"`) {
		t.Fatal("an empty slot was drawn")
	}
}

func TestRenderAvatarEveryAnimalDefaultColours(t *testing.T) {
	for _, a := range []string{"meerkat", "panda", "owl", "beaver", "elephant", "otter", "parrot", "border_collie"} {
		animal := readArt(t, "/art/animals/"+a+".svg")
		out, err := RenderAvatar(AvatarParts{Label: a, Animal: animal})
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		wellFormed(t, out)
		if strings.Contains(string(out), "#999999") {
			t.Errorf("%s: default colours were not found in its art", a)
		}
	}
}

func TestRenderAvatarRefusesBadArt(t *testing.T) {
	owl := readArt(t, "/art/animals/owl.svg")
	for _, art := range []Art{{SVG: []byte("not svg")}, {Image: []byte("x"), MIME: "image/svg+xml"}, {}} {
		if _, err := RenderAvatar(AvatarParts{Animal: owl, Items: map[Slot]Art{SlotHat: art}}); err == nil {
			t.Errorf("art %+v was accepted", art)
		}
	}
	if _, err := RenderAvatar(AvatarParts{Animal: []byte("<html>")}); err == nil {
		t.Error("a non-svg animal was accepted")
	}
}

func TestValidColour(t *testing.T) {
	for c, want := range map[string]bool{"": true, "#8B5CF6": true, "#8b5cf6": true, "#123456": false, "red": false, `#8B5CF6"/><script>`: false} {
		if ValidColour(c) != want {
			t.Errorf("ValidColour(%q) = %v", c, !want)
		}
	}
}
