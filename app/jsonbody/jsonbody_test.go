package jsonbody

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func roster(n int) []byte {
	type row struct {
		ID      int    `json:"id"`
		Name    string `json:"name"`
		Animal  string `json:"animal"`
		Genius  string `json:"genius"`
		Passed  bool   `json:"completed"`
		Comment string `json:"comment"`
	}
	rows := make([]row, n)
	for i := range rows {
		rows[i] = row{i, fmt.Sprintf("Pupil %d", i), []string{"owl", "otter", "fox"}[i%3], "thinker", i%2 == 0, "quiz done"}
	}
	b, _ := json.Marshal(map[string]any{"students": rows})
	return b
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("bad gzip: %v", err)
	}
	return out
}

func TestGzipIsTheSameAnswerSmaller(t *testing.T) {
	for _, n := range []int{30, 500} {
		raw := roster(n)
		b := New(raw)
		gz := b.Gzip()
		if gz == nil || len(gz)*3 > len(raw) {
			t.Fatalf("roster of %d: %d bytes gzipped to %d, want under a third", n, len(raw), len(gz))
		}
		if got := gunzip(t, gz); !bytes.Equal(got, raw) {
			t.Fatalf("roster of %d: gunzipped answer differs from the JSON", n)
		}
		if !bytes.Equal(b.JSON(), raw) {
			t.Fatal("JSON changed")
		}
		if again := b.Gzip(); &again[0] != &gz[0] {
			t.Fatal("the gzip form was made twice")
		}
	}
}

func TestSmallOrIncompressibleBodiesAreSentAsTheyAre(t *testing.T) {
	if gz := New([]byte(`{"ok":true}`)).Gzip(); gz != nil {
		t.Fatalf("a tiny body was compressed: %d bytes", len(gz))
	}
	if gz := New(roster(200)[:MinGzip-1]).Gzip(); gz != nil {
		t.Fatal("a body under MinGzip was compressed")
	}
	noise := make([]byte, 4096)
	_, _ = rand.Read(noise)
	if gz := New(noise).Gzip(); gz != nil {
		t.Fatalf("random bytes 'compressed' to %d bytes and were kept", len(gz))
	}
}

func TestConcurrentAsksShareOneForm(t *testing.T) {
	b := New(roster(300))
	forms := make([][]byte, 16)
	var wg sync.WaitGroup
	for i := range forms {
		wg.Go(func() { forms[i] = b.Gzip() })
	}
	wg.Wait()
	for _, f := range forms {
		if f == nil || &f[0] != &forms[0][0] {
			t.Fatal("concurrent callers got different gzip forms")
		}
	}
}

func BenchmarkGzipRoster500(b *testing.B) {
	raw := roster(500)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		_ = compress(raw)
	}
}
