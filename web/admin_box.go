package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/jsontime"
)

// boxView is the admin's Box page: what school IT needs at a glance.
type boxView struct {
	Version string `json:"version"`
	Disk    struct {
		FreeBytes    uint64 `json:"freeBytes"`
		MinFreeBytes uint64 `json:"minFreeBytes"`
		Low          bool   `json:"low"`
	} `json:"disk"`
	Ready      bool          `json:"ready"`
	NotReady   string        `json:"notReady,omitempty"`
	Backups    any           `json:"backups,omitempty"`
	CheckedAt  jsontime.Time `json:"checkedAt"`
	BackupTime string        `json:"backupTime"` // backup.time; "" when scheduled backups are off
	BackupKeep int           `json:"backupKeep"`
}

// adminBox reports the box's health: readiness, disk, the last good
// backup and the last verified off-box copy (or why it failed).
func (s *Server) adminBox(c *fiber.Ctx) error {
	var v boxView
	v.Version = Version
	v.CheckedAt = jsontime.Of(time.Now())
	v.BackupTime, v.BackupKeep = s.cfg.Backup.Time, s.cfg.Backup.Keep
	v.Disk.MinFreeBytes = uint64(s.cfg.Server.MinFreeDiskMB) << 20
	if s.deps.FreeDisk != nil {
		if free, err := s.deps.FreeDisk(); err == nil {
			v.Disk.FreeBytes = free
			v.Disk.Low = free < v.Disk.MinFreeBytes
		}
	}
	v.Ready = true
	if s.deps.Ready != nil {
		if err := s.deps.Ready(c.UserContext()); err != nil {
			v.Ready, v.NotReady = false, err.Error()
		}
	}
	if s.deps.BackupStatus != nil {
		v.Backups = s.deps.BackupStatus()
	}
	return c.JSON(v)
}
