package bench

import (
	"encoding/json"
	"testing"
)

// The bare server's /bytes/N body is N bytes of valid JSON.
func TestBareBlobIsJSONOfItsSize(t *testing.T) {
	for _, n := range []int{2, 3, 14, 15, 3822, 126 << 10} {
		b := bareBlob(n)
		if len(b) != n || !json.Valid(b) {
			t.Errorf("bareBlob(%d): %d bytes, valid %v", n, len(b), json.Valid(b))
		}
	}
}
