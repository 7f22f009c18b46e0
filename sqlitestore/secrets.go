package sqlitestore

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Secrets are generated into the data directory on first run and kept
// there (and in backups). They never come from the config file.
type Secrets struct {
	// Key signs CSRF tokens and one-time links.
	Key       []byte    `json:"key"`
	CreatedAt time.Time `json:"createdAt"`
}

// LoadOrCreateSecrets reads dataDir/secrets.json, creating it on first run.
func LoadOrCreateSecrets(dataDir string) (*Secrets, error) {
	path := filepath.Join(dataDir, SecretsFile)
	data, err := os.ReadFile(path)
	if err == nil {
		var s Secrets
		if err := json.Unmarshal(data, &s); err != nil || len(s.Key) < 32 {
			return nil, fmt.Errorf("store: %s is damaged; restore it from a backup or delete it to make new secrets (everyone will be logged out)", path)
		}
		return &s, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("store: unable to read %s: %w", path, err)
	}
	s := &Secrets{Key: make([]byte, 32), CreatedAt: time.Now().UTC()}
	if _, err := rand.Read(s.Key); err != nil {
		return nil, err
	}
	body, _ := json.MarshalIndent(s, "", "  ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, body, 0o600); err != nil {
		return nil, fmt.Errorf("store: unable to write secrets: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("store: unable to write secrets: %w", err)
	}
	syncDir(dataDir)
	return s, nil
}
