package deploy_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The Docker engine is not on the build machines, so these check the
// files as text: what would go wrong is visible there.

func TestDockerignoreKeepsTheBoxDataOut(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../.dockerignore")
	if err != nil {
		t.Fatalf("no .dockerignore: 'docker build .' after 'go run . serve' would send ./data (the student database, secrets.json) to the builder: %v", err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines[l] = true
		}
	}
	// "**/" forms: a bare "*.db" matches at the top level only, so a
	// database or backup in a subfolder would be sent to the builder.
	for _, want := range []string{"data/", "**/data/", "**/*.db", "**/*.db-wal", "**/*.db-shm", "**/secrets.json", "**/*.tar.gz", "**/backups/", ".git/", "animalgenius"} {
		if !lines[want] {
			t.Errorf(".dockerignore lacks %q", want)
		}
	}
	// Nothing the build needs is ignored.
	for _, needed := range []string{"go.mod", "go.sum", "*.go", "embed/", "migrations/", "config.example.toml"} {
		if lines[needed] {
			t.Errorf(".dockerignore ignores %s, which the build needs", needed)
		}
	}
}

func TestDockerfilePinsBasesAndLabelsTheImage(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(b)
	pinned := regexp.MustCompile(`(?m)^ARG (GO_IMAGE|RUNTIME_IMAGE)=\S+@sha256:[0-9a-f]{64}$`)
	if got := len(pinned.FindAllString(df, -1)); got != 2 {
		t.Errorf("want both base images pinned by digest, found %d", got)
	}
	from := regexp.MustCompile(`(?m)^FROM (\S+)`)
	for _, m := range from.FindAllStringSubmatch(df, -1) {
		if m[1] != "${GO_IMAGE}" && m[1] != "${RUNTIME_IMAGE}" {
			t.Errorf("FROM %s is not one of the pinned bases", m[1])
		}
	}
	for _, want := range []string{
		"--mount=type=cache,target=/go/pkg/mod", "--mount=type=cache,target=/root/.cache/go-build",
		"org.opencontainers.image.title=", "org.opencontainers.image.version=\"${VERSION}\"",
		"org.opencontainers.image.revision=\"${COMMIT}\"", "org.opencontainers.image.created=\"${CREATED}\"",
		"USER 65532:65532", "HEALTHCHECK", "animalgenius man --dir",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
}
