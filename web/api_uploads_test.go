package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
)

// noisePNG is a w x h PNG of random pixels (it barely compresses, so its
// size is about 4*w*h bytes).
func noisePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for i := range img.Pix {
		img.Pix[i] = byte(r.UintN(256))
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 255
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func smallPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 4), uint8(y * 4), 90, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

func pngBombBytes() []byte {
	chunk := func(kind string, data []byte) []byte {
		var out bytes.Buffer
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(kind)
		out.Write(data)
		crc := crc32.NewIEEE()
		crc.Write([]byte(kind))
		crc.Write(data)
		binary.Write(&out, binary.BigEndian, crc.Sum32())
		return out.Bytes()
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 100000)
	binary.BigEndian.PutUint32(ihdr[4:], 100000)
	ihdr[8], ihdr[9] = 8, 6
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	out.Write(chunk("IHDR", ihdr))
	out.Write(chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01}))
	out.Write(chunk("IEND", nil))
	return out.Bytes()
}

// upload posts one file as the browser's FormData does.
func upload(t *testing.T, app *apptest.App, c *http.Client, name, contentType string, data []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", contentType)
	part, _ := mw.CreatePart(h)
	part.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/api/v1/admin/uploads", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status, _, got := apptest.Do(t, c, req)
	return status, got
}

type uploadJob struct {
	State    string `json:"state"`
	Progress int    `json:"progress"`
	Image    string `json:"image"`
	Thumb    string `json:"thumb"`
	Error    *struct {
		Code string `json:"code"`
	} `json:"error"`
}

func waitUpload(t *testing.T, app *apptest.App, c *http.Client, body string) uploadJob {
	t.Helper()
	var accepted struct {
		JobID int64 `json:"jobId"`
	}
	if err := json.Unmarshal([]byte(body), &accepted); err != nil || accepted.JobID == 0 {
		t.Fatalf("upload answer %s", body)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		status, _, got := apptest.Do(t, c, mustReq(t, "GET", fmt.Sprintf("%s/api/v1/admin/uploads/jobs/%d", app.URL, accepted.JobID)))
		var j uploadJob
		if status != 200 || json.Unmarshal([]byte(got), &j) != nil {
			t.Fatalf("job status: %d %s", status, got)
		}
		if j.State == "done" || j.State == "failed" {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("upload job did not finish")
	return uploadJob{}
}

func uploadFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(dir, "uploads"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestAdminUploads(t *testing.T) {
	app := apptest.Start(t, nil)
	_, admin := app.Admin("it@school.test")
	teacherAcc, teacher := app.Teacher("ms.hill@school.test")

	// A picture larger than the 1 MiB limit of other requests is accepted here.
	big := noisePNG(t, 700, 700)
	if len(big) < 1<<20 {
		t.Fatalf("test picture is only %d bytes", len(big))
	}
	status, body := upload(t, app, admin, "big.png", "image/png", big)
	if status != http.StatusAccepted {
		t.Fatalf("big upload: %d %s", status, body)
	}
	if j := waitUpload(t, app, admin, body); j.State != "done" {
		t.Fatalf("big upload job: %+v", j)
	}

	status, body = upload(t, app, admin, "hat.png", "image/png", smallPNG(t))
	if status != http.StatusAccepted {
		t.Fatalf("upload: %d %s", status, body)
	}
	j := waitUpload(t, app, admin, body)
	if j.State != "done" || !strings.HasPrefix(j.Image, "/uploads/") || j.Progress != 100 {
		t.Fatalf("job: %+v", j)
	}
	class, kids := app.EconClass(teacherAcc.ID, "Maya")
	student := app.StudentClient(kids[0])
	// Pictures are for the school's signed-in people only, cached privately.
	for _, p := range []string{j.Image, j.Thumb, "/uploads/" + strings.Repeat("0", 64) + ".png"} {
		if got, h, body := app.Get(p); got != 401 || strings.Contains(body, "PNG") || strings.Contains(h.Get("Cache-Control"), "public") {
			t.Fatalf("%s without a session: %d %q", p, got, h.Get("Cache-Control"))
		}
	}
	for name, c := range map[string]*http.Client{"admin": admin, "teacher": teacher, "student": student} {
		got, h, img := apptest.Do(t, c, mustReq(t, "GET", app.URL+j.Image))
		if got != 200 || h.Get("Content-Type") != "image/png" || !strings.HasPrefix(img, "\x89PNG") ||
			!strings.HasPrefix(h.Get("Cache-Control"), "private") {
			t.Fatalf("serving the upload to the %s: %d %s %q", name, got, h.Get("Content-Type"), h.Get("Cache-Control"))
		}
	}
	for _, p := range []string{"/uploads/..%2Fsecrets.json", "/uploads/secrets.json", "/uploads/" + strings.Repeat("0", 64) + ".png"} {
		if got, _, body := apptest.Do(t, admin, mustReq(t, "GET", app.URL+p)); got != 404 || strings.Contains(body, "secret") {
			t.Fatalf("%s: %d", p, got)
		}
	}
	app.Run([]apptest.Scenario{
		{Name: "item with the upload", Method: "POST", Path: "/api/v1/admin/catalog/items", Client: admin, WantStatus: 201,
			Body: fmt.Sprintf(`{"name":"Uploaded Hat","slot":"hat","rarity":"epic","price":300,"image":%q}`, j.Image)},
		{Name: "open the store", Method: "PUT", Path: fmt.Sprintf("/api/v1/classes/%d/store", class), Body: `{"open":true}`, Client: teacher, WantStatus: 200},
		{Name: "give coins", Method: "POST", Path: fmt.Sprintf("/api/v1/classes/%d/coins", class), Body: `{"all":true,"amount":300,"action":"give"}`, Header: apptest.Key("up-give"), Client: teacher, WantStatus: 200},
		{Name: "student buys the uploaded hat", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":19}`, Header: apptest.Key("up-buy"), Client: student, WantStatus: 201},
		{Name: "and wears it", Method: "PUT", Path: "/api/v1/student/avatar", Body: `{"equipped":{"hat":19}}`, Client: student, WantStatus: 200},
		{Name: "the avatar carries the picture inside", Path: "/api/v1/student/avatar.svg", Client: student, WantStatus: 200, WantContent: []string{`<image`, `href="data:image/png;base64,`}},
		{Name: "the store lists its thumbnail", Path: "/api/v1/student/store", Client: student, WantStatus: 200, WantContent: []string{`"thumb":"` + strings.Replace(j.Image, ".png", ".thumb.png", 1) + `"`}},
		{Name: "item with a made-up upload", Method: "POST", Path: "/api/v1/admin/catalog/items", Client: admin, WantStatus: 400,
			Body: `{"name":"Ghost Hat","slot":"hat","rarity":"epic","price":300,"image":"/uploads/` + strings.Repeat("ab", 32) + `.png"}`},
		{Name: "teachers cannot upload", Method: "POST", Path: "/api/v1/admin/uploads", Body: `{}`, Client: teacher, WantStatus: 403},
		{Name: "no file", Method: "POST", Path: "/api/v1/admin/uploads", Body: `{}`, Client: admin, WantStatus: 400, WantContent: []string{`"no_file"`}},
		{Name: "unknown job", Path: "/api/v1/admin/uploads/jobs/999999", Client: admin, WantStatus: 404},
		{Name: "job of another kind", Path: "/api/v1/admin/uploads/jobs/1", Client: admin, WantStatus: 404},
	})
	before := uploadFiles(t, app.Dir)

	// Processed uploads are part of backups.
	m, err := sqlitestore.Backup(context.Background(), sqlitestore.BackupOptions{DataDir: app.Dir, Out: filepath.Join(t.TempDir(), "b.tar.gz")})
	if err != nil {
		t.Fatal(err)
	}
	inBackup := map[string]bool{}
	for _, f := range m.Files {
		inBackup[f.Path] = true
	}
	if !inBackup["uploads/"+strings.TrimPrefix(j.Image, "/uploads/")] || !inBackup["uploads/"+strings.TrimPrefix(j.Thumb, "/uploads/")] {
		t.Fatalf("backup lacks the upload: %v", m.Files)
	}

	refusals := []struct {
		name, file, ct string
		data           []byte
		status         int
		code           string
	}{
		{"not an image", "notes.png", "image/png", []byte("these are my notes, not a picture"), 415, "not_an_image"},
		{"svg", "logo.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 415, "svg_not_allowed"},
		{"type lie", "photo.jpg", "image/jpeg", smallPNG(t), 415, "type_mismatch"},
		{"decompression bomb", "bomb.png", "image/png", pngBombBytes(), 400, "image_too_big"},
		{"empty", "empty.png", "image/png", nil, 400, "empty_file"},
	}
	for _, r := range refusals {
		status, body := upload(t, app, admin, r.file, r.ct, r.data)
		if status != r.status || !strings.Contains(body, `"`+r.code+`"`) {
			t.Errorf("%s: %d %s", r.name, status, body)
		}
	}
	// Truncated: the header passes the quick check, the job fails.
	full := noisePNG(t, 120, 120)
	status, body = upload(t, app, admin, "cut.png", "image/png", full[:len(full)/2])
	if status != http.StatusAccepted {
		t.Fatalf("truncated: %d %s", status, body)
	}
	if j := waitUpload(t, app, admin, body); j.State != "failed" || j.Error == nil || j.Error.Code != "broken_image" {
		t.Fatalf("truncated job: %+v", j)
	}
	if after := uploadFiles(t, app.Dir); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("refused uploads left files: before %v after %v", before, after)
	}
}

func TestAdminUploadOversize(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Uploads.MaxBytes = 64 << 10 })
	_, admin := app.Admin("it@school.test")
	status, body := upload(t, app, admin, "big.png", "image/png", noisePNG(t, 200, 200))
	if status != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversize: %d %s", status, body)
	}
	if files := uploadFiles(t, app.Dir); len(files) != 0 {
		t.Fatalf("oversize upload left %v", files)
	}
}
