package web_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"animalgenius/app/apptest"
)

// nginxPath finds Debian's nginx; under CI a missing nginx fails (.ci/run
// installs it), elsewhere the test is skipped.
func nginxPath(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	if os.Getenv("CI") != "" {
		t.Fatal("nginx not installed: .ci/run installs Debian's nginx")
	}
	t.Skip("nginx not installed (apt-get install -y nginx); reverse-proxy test skipped outside CI")
	return ""
}

// selfSigned writes a certificate for 127.0.0.1 and its key into dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// TestBehindNginx runs Debian's nginx with README's snippet
// (deploy/nginx/animalgenius.conf) in front of the server, TLS on, and
// checks through it: the client address in the log and in the budgets
// (whatever X-Forwarded-For the client sends), the lock-out rules,
// /metrics refused, Secure cookies. nginx reaches the box from 127.0.0.2
// (proxy_bind), the only trusted proxy, so the test client on 127.0.0.1
// is an ordinary untrusted client.
func TestBehindNginx(t *testing.T) {
	t.Parallel()
	nginx := nginxPath(t)
	logs := &apptest.LockedBuffer{}
	cfg := apptest.Config(t)
	cfg.Server.TrustedProxies = []string{"127.0.0.2"}
	cfg.Auth.PassportAddrFailures = 6
	cfg.Metrics.Token = "metrics-token-for-the-nginx-test"
	app := apptest.StartWith(t, cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))

	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	snippet, err := os.ReadFile("../deploy/nginx/animalgenius.conf")
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	upstream := strings.TrimPrefix(app.URL, "http://")
	conf := string(snippet)
	for _, r := range [][2]string{
		{"listen 443 ssl;", fmt.Sprintf("listen 127.0.0.1:%d ssl;", port)},
		{"listen [::]:443 ssl;", ""},
		{"/etc/ssl/certs/animalgenius.pem", certFile},
		{"/etc/ssl/private/animalgenius.key", keyFile},
		{"proxy_pass http://127.0.0.1:8080;", "proxy_pass http://" + upstream + ";\n        proxy_bind 127.0.0.2;"},
	} {
		if !strings.Contains(conf, r[0]) {
			t.Fatalf("the snippet has no %q", r[0])
		}
		conf = strings.Replace(conf, r[0], r[1], 1)
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	main := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
%s
}
`, user, dir, conf)
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, nginx, "-p", dir, "-c", confFile, "-g", "daemon off;")
	cmd.Stderr = os.Stderr
	// nginx's workers are the master's children: killing the master alone
	// left them running, holding the port, after every run. The master
	// leads its own process group and the whole group goes at the end.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	base := fmt.Sprintf("https://127.0.0.1:%d", port)
	newClient := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, Timeout: 20 * time.Second,
			Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	}
	ready := false
	for range 100 { // up to 5 s for nginx to listen
		if resp, err := newClient().Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			ready = resp.StatusCode == 200
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !ready {
		b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		t.Fatalf("nginx did not answer: %s", b)
	}
	const csrf = "nginxcsrfnginxcsrfnginxcsrfnginxcsrfnginxcs"
	call := func(c *http.Client, method, path, body string, header map[string]string) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", csrf)
		req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: csrf})
		if method != "GET" {
			// As a browser does: nginx listens on a port that is not 443,
			// so the origin carries it.
			req.Header.Set("Origin", base)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s %s through nginx: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}

	// Secure cookies: the box sees https from its trusted proxy.
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	_, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	tablet := newClient()
	st, h, b := call(tablet, "POST", "/api/v1/passport/login", fmt.Sprintf(`{"passportCode":%q}`, maya.PassportCode), nil)
	if st != 200 {
		t.Fatalf("passport login through nginx: %d %s", st, b)
	}
	for _, sc := range h.Values("Set-Cookie") {
		if !strings.Contains(strings.ToLower(sc), "; secure") {
			t.Errorf("cookie without Secure behind TLS: %q", sc)
		}
	}
	if h.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS behind TLS")
	}

	// The client address: 127.0.0.1 (what nginx saw), whatever the client
	// writes into X-Forwarded-For; in the log and in the budgets.
	for i := range 7 {
		st, _, b := call(newClient(), "POST", "/api/v1/passport/login", fmt.Sprintf(`{"passportCode":"COL-2222%c"}`, 'A'+i),
			map[string]string{"X-Forwarded-For": fmt.Sprintf("10.9.%d.%d", i, i)})
		if st != 401 || !strings.Contains(b, "unknown_passport") {
			t.Fatalf("wrong code %d through nginx: %d %s", i+1, st, b)
		}
	}
	st, _, b = call(newClient(), "POST", "/api/v1/passport/login", fmt.Sprintf(`{"passportCode":%q}`, maya.PassportCode),
		map[string]string{"X-Forwarded-For": "10.200.200.200"})
	if st != 401 || !strings.Contains(b, "class_code_needed") {
		t.Fatalf("a fresh forged X-Forwarded-For bought a fresh budget: %d %s", st, b)
	}
	if st, _, b := call(newClient(), "POST", "/api/v1/passport/login",
		fmt.Sprintf(`{"passportCode":%q,"classCode":%q}`, maya.PassportCode, cl.Code), nil); st != 200 {
		t.Fatalf("passport with class code through nginx: %d %s", st, b)
	}
	if st, _, b := call(tablet, "POST", "/api/v1/passport/login", fmt.Sprintf(`{"passportCode":%q}`, maya.PassportCode), nil); st != 200 {
		t.Fatalf("known device through nginx: %d %s", st, b)
	}
	log := logs.String()
	if !strings.Contains(log, "ip=127.0.0.1") {
		t.Errorf("the log does not name the client 127.0.0.1:\n%.2000s", log)
	}
	for _, bad := range []string{"ip=10.9.", "ip=10.200.", "ip=127.0.0.2", `ip=""`, "ip= "} {
		if strings.Contains(log, bad) {
			t.Errorf("the log names %q as a client", bad)
		}
	}

	// /metrics through the proxy is remote: token needed.
	if st, _, _ := call(newClient(), "GET", "/metrics", "", nil); st != 403 {
		t.Errorf("/metrics through nginx without token: %d, want 403", st)
	}
	if st, _, _ := call(newClient(), "GET", "/metrics", "", map[string]string{"Authorization": "Bearer " + cfg.Metrics.Token}); st != 200 {
		t.Errorf("/metrics through nginx with the token: %d, want 200", st)
	}
	if st, _, _ := apptest.Do(t, http.DefaultClient, mustRequest(t, app.URL+"/metrics")); st != 200 {
		t.Errorf("/metrics straight from this machine: %d, want 200", st)
	}

	// A class's roster reaches the teacher's browser gzipped through the
	// proxy, and the same JSON as sent plain.
	for i := range 30 {
		app.Join(cl.Code, fmt.Sprintf("Pupil%c%c", 'a'+i/10, 'a'+i%10), "N", apptest.AnswersAt("INFP", "visual"))
	}
	laptop := newClient()
	if st, _, b := call(laptop, "POST", "/api/v1/auth/login", fmt.Sprintf(`{"email":"ana@hill.school","password":%q}`, apptest.Password), nil); st != 200 {
		t.Fatalf("teacher login through nginx: %d %s", st, b)
	}
	roster := fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID)
	_, plainH, plain := call(laptop, "GET", roster, "", map[string]string{"Accept-Encoding": "identity"})
	st, h, gz := call(laptop, "GET", roster, "", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if st != 200 || h.Get("Content-Encoding") != "gzip" || plainH.Get("Content-Encoding") != "" || len(gz)*2 > len(plain) {
		t.Fatalf("roster through nginx: %d, Content-Encoding %q (plain %q), %d bytes for %d plain", st, h.Get("Content-Encoding"), plainH.Get("Content-Encoding"), len(gz), len(plain))
	}
	if got := gunzipBody(t, []byte(gz)); string(got) != plain || !strings.Contains(plain, "Pupilcj N.") {
		t.Fatalf("the gzip roster through nginx is not the plain one: %.200s", got)
	}
}
