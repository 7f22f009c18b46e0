package sqlitestore_test

import (
	"bytes"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func gzipOf(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}
